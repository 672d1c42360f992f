"""map_location: choose where the tensors of a checkpoint land when it is loaded."""

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(4, 8)
torch.save(model.state_dict(), "model.pt")

# --8<-- [start:map_location]
# map_location remaps storages while loading: a GPU checkpoint on a CPU-only machine,
# or "meta" to read names and shapes without allocating the data.
on_cpu = torch.load("model.pt", map_location="cpu")
print("map_location='cpu':  ", on_cpu["weight"].device)
shapes_only = torch.load("model.pt", map_location="meta")
print("map_location='meta': ", shapes_only["weight"].device, tuple(shapes_only["weight"].shape))

if torch.cuda.is_available():  # what changes on a GPU machine
    torch.save(model.cuda().state_dict(), "model_gpu.pt")  # storages are tagged cuda:0
    gpu_state = torch.load("model_gpu.pt", map_location={"cuda:0": "cpu"})  # remap by name
    print("cuda:0 -> cpu:", gpu_state["weight"].device)
# --8<-- [end:map_location]
