"""One training step, written the PyTorch way: a plain Python loop."""

import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
rng = np.random.default_rng(0)
x = torch.from_numpy(rng.normal(size=(64, 4)).astype("float32"))
y = x @ torch.tensor([[1.0], [-2.0], [0.5], [3.0]]) + 0.1

model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 1))

# --8<-- [start:step]
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
loss_fn = nn.MSELoss()

model.train()
losses = []
for _ in range(5):
    optimizer.zero_grad()  # gradients accumulate unless cleared
    loss = loss_fn(model(x), y)  # the forward pass records the graph
    loss.backward()  # gradients land in each parameter's .grad
    optimizer.step()  # update the parameters in place
    losses.append(loss.item())
print("custom loop:", [round(v, 3) for v in losses])
# --8<-- [end:step]
