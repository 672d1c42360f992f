"""torch.nn builds the model, torch.autograd computes gradients, torch.optim updates the weights."""

import torch
from torch import nn

torch.manual_seed(0)

# Tiny regression data: y = 3*x1 - 2*x2 + 1 on a fixed 8x8 grid (64 samples, 2 features).
grid = torch.linspace(-1.0, 1.0, 8)
X = torch.cartesian_prod(grid, grid)
y = (3 * X[:, 0] - 2 * X[:, 1] + 1).unsqueeze(1)

# --8<-- [start:loop]
# torch.nn: layers that own their parameters, and the loss function.
model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 1))
loss_fn = nn.MSELoss()

# torch.optim: the update rule, handed the parameters it will change.
optimizer = torch.optim.Adam(model.parameters(), lr=0.05)

with torch.no_grad():
    print(f"loss before training: {loss_fn(model(X), y).item():.4f}")

for _ in range(200):
    optimizer.zero_grad()  # torch.optim: clear last step's .grad (sets it to None)
    loss = loss_fn(model(X), y)  # torch.nn: forward pass; torch.autograd records the graph
    loss.backward()  # torch.autograd: d loss / d parameter, stored in each parameter's .grad
    optimizer.step()  # torch.optim: update each parameter from its .grad

with torch.no_grad():
    print(f"loss after training:  {loss_fn(model(X), y).item():.4f}")

# Which tensors hold a .grad? Only leaf tensors with requires_grad=True: the parameters.
for name, param in model.named_parameters():
    print(f"{name:9} requires_grad={param.requires_grad}  .grad shape={tuple(param.grad.shape)}")
print(f"X         requires_grad={X.requires_grad}  .grad={X.grad}")
print(f"loss      is_leaf={loss.is_leaf}  grad_fn={type(loss.grad_fn).__name__} (intermediate: no .grad kept)")
# --8<-- [end:loop]
