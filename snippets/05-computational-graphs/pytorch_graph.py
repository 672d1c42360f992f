"""A real PyTorch graph: torch.fx traces a module into a graph of calls."""

import numpy as np
import torch
from torch import nn

rng = np.random.default_rng(0)  # the TensorFlow programs draw the same numbers
x = torch.from_numpy(rng.normal(size=(4, 3)).astype("float32"))
W0 = rng.normal(size=(3, 2)).astype("float32")
t = torch.ones(4, 2)


# --8<-- [start:forward]
class LossModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.W = nn.Parameter(torch.from_numpy(W0))
        self.b = nn.Parameter(torch.zeros(2))

    def forward(self, x, t):
        y = torch.relu(x @ self.W + self.b)
        return torch.mean(torch.square(y - t))


model = LossModel()
traced = torch.fx.symbolic_trace(model)  # runs forward once with proxies, records each call
for node in traced.graph.nodes:
    target = getattr(node.target, "__name__", node.target)
    print(f"{node.name} = {node.op}[{target}]({', '.join(str(a) for a in node.args)})")
print("loss:", round(traced(x, t).item(), 4))
# --8<-- [end:forward]
