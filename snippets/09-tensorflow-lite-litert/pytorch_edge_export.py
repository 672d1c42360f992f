"""PyTorch's edge path: torch.export (ExecuTorch's first step) and int8 quantization with torchao."""

import copy
import functools

import torch
from torch import nn
from torchao.quantization import Int8DynamicActivationIntxWeightConfig, PerAxis, quantize_
from torchao.quantization.pt2e.quantize_pt2e import convert_pt2e, prepare_pt2e
from torchao.quantization.pt2e.quantizer.x86_inductor_quantizer import (
    X86InductorQuantizer,
    get_default_x86_inductor_quantization_config,
)

torch.manual_seed(0)

# The same classifier as the TensorFlow tab: 64 features -> 10 classes.
model = nn.Sequential(
    nn.Linear(64, 128),
    nn.ReLU(),
    nn.Linear(128, 128),
    nn.ReLU(),
    nn.Linear(128, 10),
).eval()
x = torch.randn(32, 64)
with torch.no_grad():
    expected = model(x)


def weight_bytes(module):
    """Bytes of the tensors the model computes with (int8 data and scales count as stored)."""
    if isinstance(module, torch.fx.GraphModule):  # pt2e output: the constants its graph reads
        targets = [node.target for node in module.graph.nodes if node.op == "get_attr"]
        tensors = [functools.reduce(getattr, target.split("."), module) for target in targets]
    else:
        tensors = list(module.state_dict().values())
    total = 0
    for tensor in tensors:
        if type(tensor) in (torch.Tensor, nn.Parameter):
            total += tensor.nbytes
        else:  # a torchao tensor subclass: count its inner tensors (int8 data, scales, zero points)
            inner, _ = tensor.__tensor_flatten__()
            total += sum(getattr(tensor, name).nbytes for name in inner)
    return total


# --8<-- [start:export]
batch = torch.export.Dim("batch")
exported = torch.export.export(model, (x,), dynamic_shapes=({0: batch},))
ops = [str(node.target) for node in exported.graph.nodes if node.op == "call_function"]
print("torch.export graph:", ops)

# ExecuTorch, PyTorch's on-device runtime, continues from `exported` (pip install executorch;
# not installed here, so these lines are not run):
#   from executorch.exir import to_edge_transform_and_lower
#   from executorch.backends.xnnpack.partition.xnnpack_partitioner import XnnpackPartitioner
#   program = to_edge_transform_and_lower(exported, partitioner=[XnnpackPartitioner()]).to_executorch()
#   with open("model.pte", "wb") as f:
#       f.write(program.buffer)
# and on the device (or in Python): executorch.runtime.Runtime.get().load_program("model.pte")
# --8<-- [end:export]

# --8<-- [start:quantize]
variants = {"float32": (model, exported.module())}

half = copy.deepcopy(model).half()  # float16 weights and math
variants["float16"] = (half, lambda inputs: half(inputs.half()).float())

# Dynamic int8: int8 weights per channel, activations quantized on the fly. No calibration.
dynamic = copy.deepcopy(model)
quantize_(dynamic, Int8DynamicActivationIntxWeightConfig(weight_dtype=torch.int8, weight_granularity=PerAxis(0)))
variants["dynamic int8 (torchao)"] = (dynamic, dynamic)

# Static int8: the PT2E flow ExecuTorch uses. ExecuTorch would use its XNNPACKQuantizer;
# torchao's X86InductorQuantizer stands in for it here.
quantizer = X86InductorQuantizer().set_global(get_default_x86_inductor_quantization_config())
prepared = prepare_pt2e(exported.module(), quantizer)
for calibration_batch in x[:16].split(4):  # representative data sets activation ranges
    prepared(calibration_batch)
static = convert_pt2e(prepared)
variants["static int8 (pt2e, calibrated)"] = (static, static)

print(f"{'variant':<32}{'weight bytes':>13}{'smaller':>9}{'max |diff|':>12}{'same class':>12}")
baseline = weight_bytes(model)
for name, (weights, run) in variants.items():
    with torch.no_grad():
        got = run(x)
    size = weight_bytes(weights)
    diff = (got - expected).abs().max().item()
    same = (got.argmax(1) == expected.argmax(1)).float().mean().item()
    print(f"{name:<32}{size:>13}{baseline / size:>8.1f}x{diff:>12.4f}{same:>12.0%}")
# --8<-- [end:quantize]
