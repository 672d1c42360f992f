"""Where PyTorch keeps gradients: .grad accumulates, the graph is freed after backward."""

import torch
from torch import nn

torch.manual_seed(0)
grid = torch.linspace(-1.0, 1.0, 8)
X = torch.cartesian_prod(grid, grid)
y = (3 * X[:, 0] - 2 * X[:, 1] + 1).unsqueeze(1)
model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 1))
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

# --8<-- [start:gradients]
# 1. .grad accumulates: two backward passes without zero_grad add up.
optimizer.zero_grad()
loss_fn(model(X), y).backward()
once = model[0].weight.grad.clone()
loss_fn(model(X), y).backward()
print("second backward without zero_grad doubles .grad:", torch.allclose(model[0].weight.grad, 2 * once))

# 2. The recorded graph is freed by backward: a second backward on the same loss fails.
loss = loss_fn(model(X), y)
loss.backward()
try:
    loss.backward()
except RuntimeError as err:
    print("backward twice ->", type(err).__name__ + ":", str(err).split(". ")[0])

# 3. torch.autograd.grad returns gradients instead of storing them: here d prediction / d input.
x = torch.tensor([[0.5, -0.5]], requires_grad=True)
(dy_dx,) = torch.autograd.grad(model(x).sum(), x)
print("d prediction / d input:", [round(v, 4) for v in dy_dx.tolist()[0]], "| x.grad stays", x.grad)
# --8<-- [end:gradients]
