"""Before torch.compile: TorchScript tracing bakes in a data-dependent loop, and both tools are deprecated."""

import warnings

import torch


def grow(x, scale):
    steps = 0
    while x.abs().sum() < 10:
        x = x * scale
        steps += 1
    return x.sum()


scale = torch.tensor(1.5)
x1, x2 = torch.tensor([1.0, 1.0]), torch.tensor([3.0, 3.0])

# --8<-- [start:legacy]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    traced = torch.jit.trace(grow, (x1, scale))  # records the 4 iterations that x1 takes
    scripted = torch.jit.script(grow)  # compiles the Python source, loop included
for message in sorted({f"{w.category.__name__}: {str(w.message).split('. ')[0]}." for w in caught}):
    print(message)  # first sentence of each distinct warning

print("eager    grow(x2):", grow(x2, scale).item())
print("traced   grow(x2):", traced(x2, scale).item(), "<- still 4 iterations: the loop was unrolled for x1")
print("scripted grow(x2):", scripted(x2, scale).item())
# --8<-- [end:legacy]
