"""Graph-level optimization in PyTorch: torch.compile for speed, torch.export for deployment."""

import io
import time
import zipfile

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(20, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 2)).eval()
x = torch.randn(1000, 20)


def best_ms(fn, arg=x, repeats=30):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn(arg)
        times.append(time.perf_counter() - start)
    return 1e3 * min(times)


# --8<-- [start:compile]
# torch.compile: capture the Python code as a graph (TorchDynamo), fuse and generate kernels
# (TorchInductor: C++/OpenMP on CPU, Triton on GPU). The first call pays the compile time.
compiled = torch.compile(model)
with torch.no_grad():
    start = time.perf_counter()
    out = compiled(x)
    first_call = time.perf_counter() - start
    print("compiled output matches eager:", torch.allclose(out, model(x), atol=1e-5))
    print(f"first call (compiles): {first_call:.1f} s  [sample]")
    print(f"eager:    {best_ms(model):.2f} ms per batch  [sample]")
    print(f"compiled: {best_ms(compiled):.2f} ms per batch  [sample]")


# Where compilation pays: chains of element-wise ops. Eager runs one kernel per op, each reading
# and writing the whole tensor; Inductor fuses the chain into a single loop.
def gelu_tanh(t):
    return 0.5 * t * (1.0 + torch.tanh(0.7978845608 * (t + 0.044715 * t**3)))


big = torch.randn(1000, 1000)
fused = torch.compile(gelu_tanh)
print("fused matches eager:", torch.allclose(fused(big), gelu_tanh(big), atol=1e-6))
print(f"element-wise chain: eager {best_ms(gelu_tanh, big):.2f} ms, compiled {best_ms(fused, big):.2f} ms  [sample]")
# --8<-- [end:compile]

# --8<-- [start:export]
# torch.export: one whole-graph capture, no Python needed to run it, saved as a .pt2 archive.
# It is the entry point to deployment runtimes (AOTInductor, ExecuTorch) and to ONNX export.
batch = torch.export.Dim("batch", min=1, max=4096)
exported = torch.export.export(model, (x,), dynamic_shapes={"input": {0: batch}})
ops = [node.target.__name__ for node in exported.graph.nodes if node.op == "call_function"]
print("exported graph ops:", ops)

buffer = io.BytesIO()
torch.export.save(exported, buffer)
with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:  # a .pt2 file is a zip archive
    names = archive.namelist()
    weight_bytes = sum(archive.getinfo(n).file_size for n in names if "/data/weights/weight_" in n)
print(".pt2 archive holds:", [n for n in names if n.endswith("model.json")], "+ weights,", weight_bytes, "bytes")
buffer.seek(0)
reloaded = torch.export.load(buffer).module()
print("reloaded program, batch of 7:", tuple(reloaded(torch.randn(7, 20)).shape))
print("reloaded matches eager:", torch.allclose(reloaded(x), model(x), atol=1e-6))
# Real deployment, not run here (it compiles a shared library with a C++ toolchain):
#   path = torch._inductor.aoti_compile_and_package(exported, package_path="model.pt2")
#   runner = torch._inductor.aoti_load_package(path)   # callable from C++ without Python
# --8<-- [end:export]
