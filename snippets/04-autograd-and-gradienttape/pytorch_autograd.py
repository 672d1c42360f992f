"""Automatic differentiation in PyTorch with autograd."""

import torch

torch.manual_seed(0)

# --8<-- [start:basics]
x = torch.tensor(2.0, requires_grad=True)  # ask autograd to track operations on x

y = x**3 + 2.0 * x  # the graph is built while this line runs
y.backward()  # walk the graph backwards: 3x² + 2
print("y =", y.item(), "| dy/dx at x=2 =", x.grad.item())
print("y.grad_fn:", type(y.grad_fn).__name__)  # the last node of the recorded graph
# --8<-- [end:basics]

# --8<-- [start:control]
# Gradients accumulate in .grad until you reset them.
x.grad = None
for _ in range(2):
    (x**2).backward()
print("two backward() calls accumulate ->", x.grad.item(), "(2 × 4)")
x.grad = None

# The graph is freed after backward() unless retain_graph=True.
y = x**3
y.backward(retain_graph=True)
y.backward()  # allowed: the graph was retained once
z = x.exp() * 3
z.backward()
try:
    z.backward()
except RuntimeError as err:
    print("second backward() ->", type(err).__name__ + ":", str(err).split(".")[0])
x.grad = None

# detach() blocks the flow; integer results are not differentiable at all.
blocked = x.detach() * x
blocked.backward()
print("x.detach() * x ->", x.grad.item(), "(only the second factor)")
print("int cast requires_grad ->", x.long().requires_grad)
x.grad = None
# --8<-- [end:control]

# --8<-- [start:higher]
# create_graph=True makes the gradient itself differentiable: second derivatives.
y = x**3
(dy,) = torch.autograd.grad(y, x, create_graph=True)  # 3x²
(d2y,) = torch.autograd.grad(dy, x)  # 6x
print("d²y/dx² at x=2 =", d2y.item())

v = torch.tensor([1.0, 2.0, 3.0])
print("jacobian of v² =\n", torch.func.jacrev(lambda t: t**2)(v).numpy())
# --8<-- [end:higher]

# --8<-- [start:train]
# A training step: forward, loss.backward() fills .grad of every parameter, step, reset.
model = torch.nn.Linear(3, 1)
with torch.no_grad():  # same start as the TensorFlow tab
    model.weight.copy_(torch.tensor([[0.1, 0.2, -0.1]]))
    model.bias.zero_()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
features = torch.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]])
targets = torch.tensor([[1.0], [0.0]])

for step in range(3):
    loss = torch.mean((model(features) - targets) ** 2)
    optimizer.zero_grad()  # otherwise gradients from the previous step accumulate
    loss.backward()
    optimizer.step()
    print(f"step {step}: loss {loss.item():.4f}")
# --8<-- [end:train]

# --8<-- [start:changed]
# torch.autograd.Variable (before PyTorch 0.4) is now a no-op wrapper returning a Tensor.
wrapped = torch.autograd.Variable(torch.ones(2), requires_grad=True)
print("Variable(...) returns:", type(wrapped).__name__, "| requires_grad:", wrapped.requires_grad)
# --8<-- [end:changed]
