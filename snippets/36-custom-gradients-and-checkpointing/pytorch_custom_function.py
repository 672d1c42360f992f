"""PyTorch: torch.autograd.Function with a hand-written backward, and a straight-through estimator."""

import torch
from torch import nn
from torch.autograd.gradcheck import GradcheckError

torch.manual_seed(0)


def saved_tensors(step):
    """Run step() and count what autograd saves for the backward pass: (number, bytes)."""
    saved = {}

    def pack(t):
        saved[t.data_ptr()] = t.numel() * t.element_size()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        step()
    return len(saved), sum(saved.values())


# --8<-- [start:function]
class Swish(torch.autograd.Function):
    """swish(x) = x * sigmoid(x), saving only x for the backward pass."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)  # what backward needs; sigmoid(x) is recomputed there
        return x * torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_output):  # one gradient per forward input
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(x)
        return grad_output * (s + x * s * (1 - s))


x = torch.randn(1024, 256, requires_grad=True)
auto = x * torch.sigmoid(x)  # autograd's version of the same function
auto_grad = torch.autograd.grad(auto.sum(), x)[0]
custom_grad = torch.autograd.grad(Swish.apply(x).sum(), x)[0]  # call it with .apply, not Swish()
print("custom gradient matches autograd's:", torch.allclose(custom_grad, auto_grad, atol=1e-6))

# gradcheck compares backward with finite differences; it needs float64 inputs.
x64 = torch.randn(8, dtype=torch.float64, requires_grad=True)
print("gradcheck(Swish):", torch.autograd.gradcheck(Swish.apply, (x64,)))

count, size = saved_tensors(lambda: x * torch.sigmoid(x))
print(f"autograd saves {count} tensors ({size:,} bytes): x and sigmoid(x)")
count, size = saved_tensors(lambda: Swish.apply(x))
print(f"Swish saves    {count} tensor  ({size:,} bytes): x only")
# --8<-- [end:function]


# --8<-- [start:wrong]
class BrokenSwish(Swish):
    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * torch.sigmoid(x)  # forgot the product rule: silently wrong


try:
    torch.autograd.gradcheck(BrokenSwish.apply, (x64,))
except GradcheckError as err:
    print("gradcheck(BrokenSwish) -> GradcheckError:", str(err).splitlines()[0])
# --8<-- [end:wrong]


# --8<-- [start:ste]
class RoundSTE(torch.autograd.Function):
    """Straight-through estimator: round in the forward pass, identity in the backward pass."""

    @staticmethod
    def forward(ctx, x):
        return torch.round(x)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output  # pretend round(x) were x


x = torch.tensor([0.2, 0.7, 1.4, -1.6], requires_grad=True)
weights = torch.tensor([1.0, 2.0, 3.0, 4.0])
for name, fn in [
    ("torch.round", torch.round),
    ("RoundSTE.apply", RoundSTE.apply),
    ("x + (round(x) - x).detach()", lambda t: t + (torch.round(t) - t).detach()),  # the same STE, no class
]:
    y = fn(x)
    (grad,) = torch.autograd.grad((y * weights).sum(), x)
    print(f"{name:28s} forward {y.tolist()}  gradient {grad.tolist()}")
# --8<-- [end:ste]

# --8<-- [start:qat]
# Why it matters: train weights that are rounded to a grid of 0.25 in the forward pass.
def fit(quantize):
    torch.manual_seed(0)
    layer = nn.Linear(8, 1, bias=False)
    x = torch.randn(256, 8)
    target = x @ torch.tensor([[1.0], [-0.5], [0.25], [0.75], [-1.0], [0.5], [0.0], [1.25]])
    optimizer = torch.optim.SGD(layer.parameters(), lr=0.05)
    for _ in range(200):
        w = quantize(layer.weight * 4) / 4
        loss = nn.functional.mse_loss(x @ w.T, target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


print(f"quantized weights, torch.round: final loss {fit(torch.round):.3f}")  # ±0.01 on other CPUs
print(f"quantized weights, RoundSTE:    final loss {fit(RoundSTE.apply):.3f}")  # ±0.01 on other CPUs
# --8<-- [end:qat]
