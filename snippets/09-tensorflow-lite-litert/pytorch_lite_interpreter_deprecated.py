"""PyTorch Mobile's Lite Interpreter (TorchScript .ptl files) is deprecated in favour of ExecuTorch."""

import io
import warnings

import torch
from torch import nn
from torch.jit.mobile import _load_for_lite_interpreter

torch.manual_seed(0)
model = nn.Linear(4, 2).eval()
x = torch.ones(1, 4)

# --8<-- [start:changed]
# Old: TorchScript, saved for the Lite Interpreter (the .ptl files PyTorch Mobile apps loaded).
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    scripted = torch.jit.trace(model, x)
    buffer = scripted._save_to_buffer_for_lite_interpreter()
    lite = _load_for_lite_interpreter(io.BytesIO(buffer))
messages = {}
for w in caught:
    messages.setdefault(" ".join(str(w.message).split()).split(" https")[0], type(w.message).__name__)
for message, kind in messages.items():  # each distinct warning once
    print(kind + ":", message)
print("lite interpreter still runs:", torch.allclose(lite(x), model(x)))
# New: torch.export.export(model, (x,)), then ExecuTorch (see the export tab above).
# --8<-- [end:changed]
