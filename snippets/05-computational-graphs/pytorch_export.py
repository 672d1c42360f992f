"""A PyTorch graph is data: torch.export captures it, saves it and runs it without the Python class."""

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

# --8<-- [start:export]
exported = torch.export.export(model, (x, t))  # ATen-level graph, parameters become inputs
for node in exported.graph.nodes:
    if node.op == "call_function":
        print(f"{node.name} = {node.target}({', '.join(str(a) for a in node.args)})")
torch.export.save(exported, "loss_graph.pt2")  # graph + weights, no Python source
restored = torch.export.load("loss_graph.pt2").module()
print("inputs:", [spec.arg.name for spec in exported.graph_signature.input_specs])
print("loss from the restored graph:", round(restored(x, t).item(), 4))
# --8<-- [end:export]
