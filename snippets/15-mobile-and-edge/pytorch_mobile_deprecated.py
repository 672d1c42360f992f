"""PyTorch Mobile (TorchScript + optimize_for_mobile + Lite Interpreter) is deprecated for ExecuTorch."""

import warnings

import torch
from torch import nn
from torch.utils.mobile_optimizer import optimize_for_mobile

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3)).eval()
x = torch.randn(1, 4)

# --8<-- [start:changed]
# Step 1 of the old recipe: TorchScript. Still runs, but warns.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    scripted = torch.jit.trace(model, x)
print(type(caught[0].message).__name__ + ":", caught[0].message)

# Step 2: optimize_for_mobile. The PyPI wheels of torch 2.14 are built without the
# XNNPACK rewrite it needs, so it fails outright.
try:
    optimize_for_mobile(scripted)
except RuntimeError as err:
    message = str(err)
    print("optimize_for_mobile -> RuntimeError:", message[message.index("Mobile optimization") :].strip())

# Replacement: torch.export.export(model, (x,)) and ExecuTorch, as in the flow above.
# --8<-- [end:changed]
