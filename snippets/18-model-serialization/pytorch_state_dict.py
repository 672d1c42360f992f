"""Save and load a PyTorch model with its state_dict; map_location picks the device on load."""

import os

import torch
from torch import nn

torch.manual_seed(0)


class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(4, 8)
        self.norm = nn.BatchNorm1d(8)  # has buffers (running stats) as well as parameters
        self.out = nn.Linear(8, 2)

    def forward(self, x):
        return self.out(torch.relu(self.norm(self.hidden(x))))


x = torch.randn(5, 4)

# --8<-- [start:state_dict]
model = TinyNet()
model(torch.randn(16, 4))  # one training-mode pass moves the BatchNorm running stats
model.eval()

# A state_dict maps names to tensors: parameters and buffers, no code.
state = model.state_dict()
print("parameters:", [name for name, _ in model.named_parameters()])
print("buffers:   ", [name for name, _ in model.named_buffers()])
print("state_dict:", len(state), "entries = parameters + buffers")
torch.save(state, "model.pt")
print("model.pt:", os.path.getsize("model.pt"), "bytes")

# Loading needs the class: build the architecture, then pour the tensors in.
restored = TinyNet()
result = restored.load_state_dict(torch.load("model.pt"))  # weights_only=True by default
print("load_state_dict:", result)
restored.eval()
print("same outputs:", torch.equal(model(x), restored(x)))
# --8<-- [end:state_dict]
