"""PyTorch runs eagerly and records autograd graphs as it goes; torch.export captures a whole graph."""

import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
rng = np.random.default_rng(0)
x = torch.from_numpy(rng.normal(size=(64, 4)).astype("float32"))  # 64 made-up samples, 4 features
y = x @ torch.tensor([[1.0], [-2.0], [0.5], [3.0]]) + 0.1  # a linear target

model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 1))

# --8<-- [start:execution]
# Define-by-run: the autograd graph is recorded while the forward pass runs.
loss = nn.functional.mse_loss(model(x), y)
last_op = loss.grad_fn
print("graph recorded by running:", last_op.name(), "<-", last_op.next_functions[0][0].name())

# A whole-program graph when you ask for one: torch.export (deployment) or
# torch.compile(model) (speed; same capture, then Inductor generates kernels).
exported = torch.export.export(model, (x[:2],))
targets = [str(n.target) for n in exported.graph.nodes if n.op == "call_function"]
print("torch.export graph:", len(exported.graph.nodes), "nodes, calls:", ", ".join(targets))
print("graph == eager:", torch.allclose(exported.module()(x[:2]), model(x[:2])))
# --8<-- [end:execution]
