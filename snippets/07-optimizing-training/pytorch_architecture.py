"""Batch normalization, dropout and residual connections in PyTorch."""

import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
rng = np.random.default_rng(0)

# --8<-- [start:batchnorm]
x = torch.tensor(rng.normal(loc=5.0, scale=3.0, size=(256, 64)), dtype=torch.float32)  # badly scaled features


def activation_stds(use_bn):  # ten linear layers with too-large weights (std 1, not ~1/sqrt(64))
    h, stds = x, []
    for _ in range(10):
        linear = nn.Linear(64, 64)
        nn.init.normal_(linear.weight, std=1.0)
        h = linear(h)
        if use_bn:
            h = nn.BatchNorm1d(64)(h)  # a new module is in training mode: uses this batch's stats
        stds.append(h.std().item())
    return [f"{stds[i]:.3g}" for i in (0, 4, 9)]


with torch.no_grad():
    print("activation std after layers 1, 5, 10, without BatchNorm1d:", activation_stds(False))
    print("activation std after layers 1, 5, 10, with BatchNorm1d:   ", activation_stds(True))

bn = nn.BatchNorm1d(64)
print("PyTorch defaults: momentum", bn.momentum, "| eps", bn.eps)
out = bn(x)  # training mode
print(f"after one training batch: running_mean[0] = {bn.running_mean[0].item():.4f} (batch mean {x[:, 0].mean().item():.4f})")
bn.eval()  # inference uses the running averages, which have barely moved
print(f"inference output mean: {bn(x).mean().item():.3f} (not 0 yet: the averages need many batches)")
# --8<-- [end:batchnorm]

# --8<-- [start:dropout]
dropout = nn.Dropout(p=0.5)
ones = torch.ones(1, 10)
dropout.train()
print("training: ", dropout(ones).tolist()[0])  # zeros, survivors scaled by 2
dropout.eval()
print("inference:", dropout(ones).tolist()[0])  # unchanged
# model.train() / model.eval() switch every Dropout and BatchNorm inside a model at once.
# --8<-- [end:dropout]


# --8<-- [start:residual]
class Residual(nn.Module):
    def __init__(self, block):
        super().__init__()
        self.block = block

    def forward(self, x):
        return x + self.block(x)  # the identity path carries the gradient past the block


plain = nn.Sequential(*[nn.Sequential(nn.Linear(32, 32), nn.Sigmoid()) for _ in range(30)])  # sigmoid' <= 0.25
residual = nn.Sequential(*[Residual(nn.Sequential(nn.Linear(32, 32), nn.Sigmoid())) for _ in range(30)])
data = torch.tensor(rng.normal(size=(64, 32)), dtype=torch.float32)
for name, model in (("plain", plain), ("residual", residual)):
    (model(data) ** 2).mean().backward()
    weights = [m.weight for m in model.modules() if isinstance(m, nn.Linear)]
    # The largest entry, not the norm: squaring entries this small underflows float32 to 0.
    print(f"{name:8s} largest |gradient| at layer 30: {weights[-1].grad.abs().max().item():.2e}, at layer 1: {weights[0].grad.abs().max().item():.2e}")
# --8<-- [end:residual]
