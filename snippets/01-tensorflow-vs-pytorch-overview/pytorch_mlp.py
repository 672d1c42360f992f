"""The same tiny MLP in PyTorch: define it, run it, count it, train it."""

import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
rng = np.random.default_rng(0)
x = torch.from_numpy(rng.normal(size=(64, 4)).astype("float32"))  # 64 made-up samples, 4 features
y = x @ torch.tensor([[1.0], [-2.0], [0.5], [3.0]]) + 0.1  # a linear target

# --8<-- [start:model]
model = nn.Sequential(
    nn.Linear(4, 16),
    nn.ReLU(),
    nn.Linear(16, 1),
)
out = model(x[:2])  # eager: runs now, returns a tensor
print("forward pass:", type(out).__name__, tuple(out.shape))
print("parameters:", sum(p.numel() for p in model.parameters()))
print("bias starts at zero:", bool((model[0].bias == 0).all()))

optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
losses = []
for _ in range(5):  # the training loop is yours to write
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    optimizer.step()
    losses.append(round(loss.item(), 3))
print("loss per step:", losses)
# --8<-- [end:model]
