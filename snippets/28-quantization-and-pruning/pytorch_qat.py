"""Post-training quantization vs quantization-aware training at low bit widths (torchao)."""

import copy

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torchao.quantization import IntxWeightOnlyConfig, quantize_
from torchao.quantization.granularity import PerAxis
from torchao.quantization.qat import IntxFakeQuantizeConfig, QATConfig

torch.manual_seed(0)

# The synthetic task of question 27, the same data in both tabs.
rng = np.random.default_rng(0)
X = rng.standard_normal((6000, 20)).astype(np.float32)
y = (X[:, 0] * X[:, 1] + np.sin(2 * X[:, 2]) + X[:, 3] ** 2 - 1 + 0.5 * X[:, 4] > 0).astype(np.int64)
x_train, y_train, x_test, y_test = map(torch.from_numpy, (X[:5000], y[:5000], X[5000:], y[5000:]))


def train(model, steps, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    batches = torch.Generator().manual_seed(0)
    model.train()
    for _ in range(steps):
        idx = torch.randint(0, len(x_train), (256,), generator=batches)
        loss = F.cross_entropy(model(x_train[idx]), y_train[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model.eval()


@torch.no_grad()
def accuracy(model):
    return (model(x_test).argmax(1) == y_test).float().mean().item()


model = train(nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 2)), 600, 3e-3)
print(f"float32 accuracy: {accuracy(model):.3f}")  # ±0.01 on other CPUs

# --8<-- [start:ptq]
# Post-training quantization of the weights, one scale per output channel, fewer and fewer bits.
for bits in (torch.int8, torch.int4, torch.int2):
    ptq = copy.deepcopy(model)
    quantize_(ptq, IntxWeightOnlyConfig(weight_dtype=bits, granularity=PerAxis(0)))
    print(f"PTQ {str(bits).split('.')[1]}: accuracy {accuracy(ptq):.3f}")  # ±0.03 on other CPUs
# --8<-- [end:ptq]

# --8<-- [start:qat]
# Quantization-aware training: fine-tune with fake-quantized weights (rounded in the forward
# pass, gradients straight through), so the weights settle where rounding hurts least.
fake_int2 = IntxFakeQuantizeConfig(torch.int2, "per_channel", is_symmetric=True)
qat = copy.deepcopy(model)
quantize_(qat, QATConfig(weight_config=fake_int2, step="prepare"))
print("after prepare:", type(qat[0]).__name__)
train(qat, 200, 1e-3)
quantize_(qat, QATConfig(step="convert"))  # back to plain nn.Linear with the trained weights...
quantize_(qat, IntxWeightOnlyConfig(weight_dtype=torch.int2, granularity=PerAxis(0)))  # ...then real int2
print(f"QAT int2: accuracy {accuracy(qat):.3f}  (weights stored as {type(qat[0].weight).__name__})")  # ±0.04 on other CPUs
# --8<-- [end:qat]
