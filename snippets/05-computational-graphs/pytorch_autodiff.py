"""Automatic differentiation in PyTorch: the backward graph is recorded as the forward pass runs."""

import numpy as np
import torch
from torch import nn

rng = np.random.default_rng(0)  # the TensorFlow programs draw the same numbers
x = torch.from_numpy(rng.normal(size=(4, 3)).astype("float32"))
W0 = rng.normal(size=(3, 2)).astype("float32")
t = torch.ones(4, 2)


class LossModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.W = nn.Parameter(torch.from_numpy(W0))
        self.b = nn.Parameter(torch.zeros(2))

    def forward(self, x, t):
        y = torch.relu(x @ self.W + self.b)
        return torch.mean(torch.square(y - t))


model = LossModel()

# --8<-- [start:backward]
# Eager mode builds the backward graph while the forward pass runs: each result's grad_fn
# points to the nodes that will compute gradients for its inputs.
loss = model(x, t)
names = {p: n for n, p in model.named_parameters()}


def label(fn):  # AccumulateGrad nodes write into a leaf tensor's .grad
    return f"AccumulateGrad({names[fn.variable]})" if hasattr(fn, "variable") else fn.name()


queue, seen = [loss.grad_fn], set()
while queue:  # breadth-first walk from the loss towards the parameters
    fn = queue.pop(0)
    if fn in seen:
        continue
    seen.add(fn)
    nexts = [f for f, _ in fn.next_functions if f is not None]
    print(f"{label(fn)} -> {[label(f) for f in nexts]}")
    queue += nexts
loss.backward()  # walks that graph from the loss back to the parameters
print("dL/db:", [round(v, 4) for v in model.b.grad.tolist()])
# --8<-- [end:backward]
