"""PyTorch spellings that changed: Variable is a no-op since 0.4, zero_grad sets None since 2.0."""

import torch
from torch import nn

torch.manual_seed(0)

# --8<-- [start:legacy]
# Before 0.4, tensors were wrapped in Variable to get autograd; the wrapper now returns a Tensor.
legacy = torch.autograd.Variable(torch.ones(2), requires_grad=True)
print("torch.autograd.Variable(...) ->", type(legacy).__name__, "| requires_grad:", legacy.requires_grad)

# Since 2.0, zero_grad() sets .grad to None (set_to_none=True) instead of filling zeros.
layer = nn.Linear(2, 1)
optimizer = torch.optim.SGD(layer.parameters(), lr=0.1)
layer(torch.ones(1, 2)).sum().backward()
optimizer.zero_grad()
print("zero_grad()                  -> weight.grad is", layer.weight.grad)
layer(torch.ones(1, 2)).sum().backward()
optimizer.zero_grad(set_to_none=False)
print("zero_grad(set_to_none=False) -> weight.grad is", layer.weight.grad)
# --8<-- [end:legacy]
