"""PyTorch's old static-graph route (TorchScript) and what replaces it."""

import warnings

import torch


# --8<-- [start:legacy]
def affine(x):
    return x * 2 + 1


# TorchScript compiled Python into a static graph. In PyTorch 2.x it is deprecated.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    scripted = torch.jit.script(affine)
print("torch.jit.script ->", caught[0].category.__name__ + ":", str(caught[0].message))
print("scripted still runs:", scripted(torch.tensor([1.0, 2.0, 3.0])).tolist())


# torch.export captures one whole graph ahead of time (no Python fallback): the PyTorch
# counterpart of a TF graph you save and serve.
class Affine(torch.nn.Module):
    def forward(self, x):
        return x * 2 + 1


exported = torch.export.export(Affine(), (torch.tensor([1.0, 2.0, 3.0]),))
print("exported graph ops:", [str(n.target) for n in exported.graph.nodes if n.op == "call_function"])
print("exported runs:", exported.module()(torch.tensor([1.0, 2.0, 3.0])).tolist())
# --8<-- [end:legacy]
