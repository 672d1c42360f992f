"""torch.onnx.export switched to the torch.export-based exporter; the TorchScript one is deprecated."""

import inspect
import io
import warnings

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(8, 3).eval()
x = torch.ones(1, 8)

# --8<-- [start:changed]
print("torch", torch.__version__.split("+")[0], "| default dynamo =", inspect.signature(torch.onnx.export).parameters["dynamo"].default)

# The previous default, the TorchScript-based exporter, still runs when asked for, and warns.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    torch.onnx.export(model, (x,), io.BytesIO(), dynamo=False)
message = " ".join(str(caught[0].message).split())
print(type(caught[0].message).__name__ + ":", message.split(" Learn more")[0])
# --8<-- [end:changed]
