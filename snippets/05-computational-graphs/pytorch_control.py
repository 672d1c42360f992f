"""Control flow in a PyTorch graph: torch.fx refuses a data-dependent if, torch.cond records both branches."""

import torch
from torch import nn


# --8<-- [start:control]
def double_if_positive(v):
    if v.sum() > 0:  # a data-dependent Python if
        return v * 2
    return -v


try:
    torch.fx.symbolic_trace(double_if_positive)
except torch.fx.proxy.TraceError as err:
    print("symbolic_trace ->", type(err).__name__ + ":", str(err).splitlines()[0])


class DoubleIfPositive(nn.Module):  # torch.cond puts both branches into the graph
    def forward(self, v):
        return torch.cond(v.sum() > 0, lambda v: v * 2, lambda v: -v, (v,))


graph = torch.export.export(DoubleIfPositive(), (torch.ones(2),)).graph
print("torch.cond became:", [n.name for n in graph.nodes if n.name.startswith("cond")])
f = DoubleIfPositive()
print("both branches work:", f(torch.ones(2)).tolist(), f(-torch.ones(2)).tolist())
# --8<-- [end:control]
