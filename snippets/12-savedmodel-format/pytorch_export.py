"""PyTorch's two ways to save a trained model: a state_dict of weights, or a torch.export program."""

import zipfile

import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(8, 4)
y = x @ torch.tensor([[1.0], [-2.0], [0.5], [3.0]])


def build_model():
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))


model = build_model()
optimizer = torch.optim.Adam(model.parameters())
for _ in range(3):
    optimizer.zero_grad()
    nn.functional.mse_loss(model(x), y).backward()
    optimizer.step()
model.eval()
with torch.no_grad():
    expected = model(x)


def max_diff(outputs):
    return f"{(outputs - expected).abs().max().item():.1e}"


# --8<-- [start:state_dict]
# Weights only: the code that builds the model must be available when loading.
torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, "checkpoint.pt")
checkpoint = torch.load("checkpoint.pt")  # weights_only=True is the default since torch 2.6
restored = build_model()
print(restored.load_state_dict(checkpoint["model"]))
restored.eval()
with torch.no_grad():
    print("state_dict round trip, max |diff|:", max_diff(restored(x)))
print("saved tensors:", sorted(checkpoint["model"]))
# --8<-- [end:state_dict]

# --8<-- [start:export]
# Graph + weights in one file, loadable without the model's Python class (like a SavedModel).
batch = torch.export.Dim("batch")
program = torch.export.export(model, (x,), dynamic_shapes=({0: batch},))
torch.export.save(program, "model.pt2")
print("model.pt2 is a zip archive holding:")
for name in sorted(zipfile.ZipFile("model.pt2").namelist()):
    print("  ", name)

loaded = torch.export.load("model.pt2")  # an ExportedProgram
module = loaded.module()  # a callable nn.Module built from the saved graph
print("loaded:", type(loaded).__name__, "| ops:", [n.target.__name__ for n in loaded.graph.nodes if n.op == "call_function"])
print("exported .pt2, max |diff|:", max_diff(module(x)))
print("other batch sizes work:", tuple(module(torch.randn(3, 4)).shape))
try:
    module(torch.randn(3, 5))  # the saved program checks input shapes
except AssertionError as err:
    print("wrong feature size ->", type(err).__name__ + ":", str(err).splitlines()[0])
# --8<-- [end:export]
