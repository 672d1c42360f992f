"""torch.save(model) pickles the whole object; torch.load refuses it by default since PyTorch 2.6."""

import pickle

import torch
from torch import nn

torch.manual_seed(0)


class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(x)


def first_lines(err):
    """The stable parts of the error: its first sentence and the line naming the blocked global."""
    text = str(err)
    blocked = next(line.strip() for line in text.splitlines() if "Unsupported global" in line)
    return text.split(". ")[0] + " | " + blocked.split(" was not")[0]


# --8<-- [start:whole_model]
# torch.save(model) pickles the whole object: a reference to the class TinyNet plus its state.
model = TinyNet()
torch.save(model, "whole_model.pt")

try:
    torch.load("whole_model.pt")  # default since PyTorch 2.6: weights_only=True
except pickle.UnpicklingError as err:
    print(type(err).__name__ + ":", first_lines(err))
    print(next(line for line in str(err).splitlines() if "changed the default" in line).strip().split(". ")[0])

# Option 1: you trust the file. weights_only=False runs the full unpickler.
loaded = torch.load("whole_model.pt", weights_only=False)
print("weights_only=False ->", type(loaded).__name__, "| same weights:", torch.equal(loaded.fc.weight, model.fc.weight))

# Option 2: keep the safe unpickler and allow exactly the classes this file needs.
with torch.serialization.safe_globals([TinyNet, nn.Linear]):
    print("safe_globals([TinyNet, nn.Linear]) ->", type(torch.load("whole_model.pt")).__name__)
# --8<-- [end:whole_model]
