"""TorchScript, PyTorch 1.x's route to a deployable graph, is deprecated."""

import warnings

import torch
from torch import nn

model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 1))

# --8<-- [start:changed]
# PyTorch 1.x style: TorchScript for a deployable graph. Still runs, but deprecated.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    torch.jit.script(model)
print("torch.jit.script ->", caught[0].category.__name__ + ":", str(caught[0].message))
# --8<-- [end:changed]
