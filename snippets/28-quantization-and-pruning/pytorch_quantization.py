"""Post-training quantization in PyTorch: the arithmetic, the deprecated API, torchao today."""

import copy
import io
import warnings

import numpy as np
import torch
from torch import nn
from torchao.quantization import Int8DynamicActivationInt8WeightConfig, Int8WeightOnlyConfig, quantize_

torch.manual_seed(0)

# --8<-- [start:math]
# The arithmetic, on the same 8 numbers in both tabs: real value ~= scale * (q - zero_point).
w = torch.from_numpy(np.random.default_rng(0).standard_normal(8).astype(np.float32))

# Symmetric int8 (weights): zero_point = 0, scale maps the largest |w| to 127.
scale = w.abs().max() / 127
q = torch.clamp(torch.round(w / scale), -128, 127).to(torch.int8)
print("weights:  ", [round(v, 4) for v in w.tolist()])
print(f"scale {scale.item():.6f} -> int8:", q.tolist())
print("restored: ", [round(v, 4) for v in (q.float() * scale).tolist()])
print(f"max error {(q.float() * scale - w).abs().max().item():.6f} (at most scale/2 = {scale.item() / 2:.6f})")

# Asymmetric uint8 (activations, calibrated range [-1, 5]): a zero point shifts the grid so
# the 256 levels cover that range (to within a step: the zero point is rounded to an integer),
# and 0.0 stays exactly representable.
lo, hi = -1.0, 5.0
a_scale = (hi - lo) / 255
zero_point = round(-lo / a_scale)
acts = torch.tensor([-1.0, 0.0, 1.5, 4.99, 7.0])  # 7.0 is outside the calibrated range: clipped
qa = torch.clamp(torch.round(acts / a_scale) + zero_point, 0, 255)
print(
    f"uint8 scale {a_scale:.5f}, zero point {zero_point}:",
    qa.int().tolist(),
    "->",
    [round(v, 3) for v in ((qa - zero_point) * a_scale).tolist()],
)
# --8<-- [end:math]

model = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10)).eval()
x = torch.randn(32, 64)
with torch.no_grad():
    reference = model(x)
print(f"float outputs span +-{reference.abs().max().item():.2f}")


def state_bytes(module):
    buffer = io.BytesIO()
    torch.save(module.state_dict(), buffer)
    return len(buffer.getvalue())


# --8<-- [start:deprecated]
# The API most tutorials still show. It runs, and warns that it is on its way out.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    old = torch.ao.quantization.quantize_dynamic(copy.deepcopy(model), {nn.Linear}, dtype=torch.qint8)
for warning in caught[:1]:
    print(type(warning.message).__name__ + ":", str(warning.message).splitlines()[0].strip())
print("old API still runs in torch", torch.__version__.split("+")[0], "and gives:", old[0]._get_name())
# --8<-- [end:deprecated]

# --8<-- [start:torchao]
# Today: torchao's quantize_(model, config) swaps each Linear weight for a quantized tensor.
print(f"float32 state_dict: {state_bytes(model)} bytes")
for config in (Int8WeightOnlyConfig(), Int8DynamicActivationInt8WeightConfig()):
    quantized = copy.deepcopy(model)
    quantize_(quantized, config)
    weight = quantized[0].weight
    with torch.no_grad():
        error = (quantized(x) - reference).abs().max().item()
    print(f"{type(config).__name__}: {state_bytes(quantized)} bytes, max output error {error:.4f}")
print(
    "weight is now:", type(weight).__name__, "| qdata", weight.qdata.dtype, tuple(weight.qdata.shape), "| scale", tuple(weight.scale.shape)
)
print("one scale per output row (per-channel):", weight.scale.numel() == weight.shape[0])
# --8<-- [end:torchao]
