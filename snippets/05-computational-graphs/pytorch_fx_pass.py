"""Whole-graph optimisation in PyTorch: an FX pass folds BatchNorm into the Linear layer before it."""

import numpy as np
import torch
from torch import nn
from torch.fx.experimental.optimization import fuse

x = torch.from_numpy(np.random.default_rng(0).normal(size=(4, 3)).astype("float32"))
torch.manual_seed(0)

# --8<-- [start:optimise]
# A graph pass: fold an inference-time BatchNorm into the Linear layer before it.
# (torch.compile(model) rewrites graphs at scale: Dynamo captures, Inductor fuses kernels.)
net = nn.Sequential(nn.Linear(3, 2), nn.BatchNorm1d(2), nn.ReLU()).eval()
net[1].running_mean.fill_(0.5)  # pretend statistics from training
net[1].running_var.fill_(2.0)
fused = fuse(net)  # symbolic_trace, then rewrite the graph


def layers(graph_module):
    modules = dict(graph_module.named_modules())
    calls = [n for n in graph_module.graph.nodes if n.op == "call_module"]
    return [type(modules[n.target]).__name__ for n in calls]


print("layers before:", layers(torch.fx.symbolic_trace(net)))
print("layers after: ", layers(fused))
with torch.no_grad():
    print("same output:", torch.allclose(fused(x), net(x), atol=1e-6))
# --8<-- [end:optimise]
