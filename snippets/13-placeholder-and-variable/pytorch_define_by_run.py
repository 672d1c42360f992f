"""Why PyTorch has no placeholders: define-by-run inputs, and the placeholders torch.export writes."""

import torch
from torch import nn

torch.manual_seed(0)

# --8<-- [start:graph]
# Define-by-run: there is no graph to build before the data exists, so no placeholder.
# The input is an ordinary argument; each call records its own graph as it runs.
w = torch.tensor([[1.0], [2.0]], requires_grad=True)  # a leaf tensor autograd will differentiate


def predict(x):
    return x @ w


y = predict(torch.tensor([[1.0, 1.0], [2.0, 3.0]]))
print("y is computed at once:", y.detach().ravel().tolist(), "| grad_fn:", type(y.grad_fn).__name__)
print("any batch size, no declaration:", predict(torch.ones(3, 2)).detach().ravel().tolist())
# --8<-- [end:graph]

# --8<-- [start:export]
# PyTorch graphs do have placeholders: torch.export writes them for you from an example input,
# and a Dim marks the batch size as dynamic, like shape=[None, 2].
linear = nn.Linear(2, 1)
batch = torch.export.Dim("batch")
exported = torch.export.export(linear, (torch.ones(4, 2),), dynamic_shapes=({0: batch},))
placeholders = {spec.arg.name: spec.kind.name for spec in exported.graph_signature.input_specs}
print("placeholder nodes in the exported graph:", placeholders)
x_node = next(node for node in exported.graph.nodes if node.name == "input")
print("input shape:", ["dynamic" if isinstance(d, torch.SymInt) else d for d in x_node.meta["val"].shape])
print("runs with batch 3:", tuple(exported.module()(torch.ones(3, 2)).shape))
try:
    exported.module()(torch.ones(2, 3))  # wrong feature size
except AssertionError as err:
    print("wrong feature size ->", type(err).__name__ + ":", str(err).splitlines()[0])
# --8<-- [end:export]
