"""PyTorch devices: choosing one, moving tensors and modules, the mismatch error, pinned memory, copies."""

import time

import numpy as np
import torch
from torch import nn

torch.manual_seed(0)

# --8<-- [start:pick]
# What this machine offers (a CPU-only Linux box running the CUDA build of torch).
print("torch.cuda.is_available():", torch.cuda.is_available())
print("torch.backends.mps.is_available():", torch.backends.mps.is_available(), "| built:", torch.backends.mps.is_built())
print("torch.accelerator.is_available():", torch.accelerator.is_available())
# Without check_available=True this answers what torch was *compiled* for, not what is present.
print("current_accelerator():", torch.accelerator.current_accelerator())
print("current_accelerator(check_available=True):", torch.accelerator.current_accelerator(check_available=True))

# The device-agnostic idiom: CUDA, MPS or XPU when present, else the CPU.
device = torch.accelerator.current_accelerator(check_available=True) or torch.device("cpu")
print("chosen device:", device)

# A torch.device is only a name: creating one for hardware you lack is fine.
gpu1 = torch.device("cuda", 1)
print("torch.device('cuda', 1):", gpu1, "| type", gpu1.type, "| index", gpu1.index)
# --8<-- [end:pick]

# --8<-- [start:move]
x = torch.ones(2, 3)
model = nn.Linear(3, 1)

# Tensor.to returns a tensor; it never changes x. Module.to moves the parameters in place.
x.to("meta")  # result thrown away: the classic no-op
print("x after x.to('meta') without assignment:", x.device)
x_meta = x.to("meta")
print("x_meta:", x_meta.device, "| x still:", x.device)
returned = model.to(device)
print("model.to() returns the same module:", returned is model, "| weight on", model.weight.device)

# Already on the target device and dtype: .to() returns the very same tensor, no copy.
print("x.to('cpu') is x:", x.to("cpu") is x, "| x.to('cpu', copy=True) is x:", x.to("cpu", copy=True) is x)
# --8<-- [end:move]

# --8<-- [start:mismatch]
# The meta device holds shapes and dtypes but no data: a real second device on any machine.
meta_model = nn.Linear(3, 1, device="meta")
batch = torch.ones(2, 3)
print("input on", batch.device, "| weight on", meta_model.weight.device)
try:
    meta_model(batch)
except RuntimeError as err:
    print("forward ->", type(err).__name__ + ":", err)

# The fix: send the data to wherever the model's parameters live.
param_device = next(meta_model.parameters()).device
out = meta_model(batch.to(param_device))
print("after batch.to(param_device):", out.device, tuple(out.shape))
# --8<-- [end:mismatch]

# --8<-- [start:pinned]
cpu_batch = torch.randn(256, 1024)
print("is_pinned():", cpu_batch.is_pinned())
if torch.cuda.is_available():
    pinned = cpu_batch.pin_memory()  # page-locked copy: the GPU can DMA from it
    on_gpu = pinned.to("cuda", non_blocking=True)  # returns at once, the copy runs async
    torch.cuda.synchronize()  # wait before timing or reading results on the host
    print("pinned:", pinned.is_pinned(), "| on", on_gpu.device)
else:
    try:
        cpu_batch.pin_memory()
    except RuntimeError as err:
        print("pin_memory() without a GPU ->", type(err).__name__ + ":", err)
    # non_blocking=True is accepted but changes nothing for a CPU-to-CPU "move".
    print("cpu_batch.to('cpu', non_blocking=True) is cpu_batch:", cpu_batch.to("cpu", non_blocking=True) is cpu_batch)
# --8<-- [end:pinned]

# --8<-- [start:copies]
big = torch.zeros(2048, 2048)  # 16 MiB of float32
view = big.numpy()  # zero-copy: same memory (CPU tensors only)
copy = big.clone()  # a real copy, the cost a host-device transfer also pays
print("numpy() shares memory:", np.shares_memory(view, big.numpy()), "| clone() shares:", copy.data_ptr() == big.data_ptr())
view[0, 0] = 7.0
print("writing through the numpy view changes the tensor:", big[0, 0].item())
arr = np.ones(3, dtype=np.float32)
print("from_numpy shares:", np.shares_memory(torch.from_numpy(arr).numpy(), arr), "| torch.tensor copies:", not np.shares_memory(torch.tensor(arr).numpy(), arr))


def per_call_ms(fn, repeat=20):
    fn()
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat * 1e3


clone_ms, numpy_ms = per_call_ms(big.clone), per_call_ms(big.numpy)
print(f"[sample] clone of 16 MiB: {clone_ms:.2f} ms | numpy() view: {numpy_ms * 1e3:.1f} us | ratio {clone_ms / numpy_ms:.0f}x")
# --8<-- [end:copies]
