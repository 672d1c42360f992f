"""PyTorch's deployment exports, run end to end: torch.export (.pt2) and ONNX."""

import numpy as np
import onnxruntime as ort
import torch
from torch import nn

torch.manual_seed(0)
x = torch.from_numpy(np.random.default_rng(0).normal(size=(8, 4)).astype("float32"))
model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 1)).eval()
with torch.no_grad():
    expected = model(x).numpy()

# --8<-- [start:server]
# torch.export captures the whole model as a graph of ATen ops (no Python needed to run it).
batch = torch.export.Dim("batch")  # let the batch size vary
exported = torch.export.export(model, (x[:2],), dynamic_shapes=({0: batch},))
torch.export.save(exported, "model.pt2")
reloaded = torch.export.load("model.pt2").module()
print("graph inputs:", [spec.arg.name for spec in exported.graph_signature.input_specs])
with torch.no_grad():
    reloaded_out = reloaded(x).numpy()
print("ExportedProgram matches eager:", np.allclose(reloaded_out, expected, atol=1e-6))
# The same ExportedProgram is the input to AOTInductor (a compiled .so for servers) and to
# ExecuTorch (a .pte for phones; pip install executorch):
#   from executorch.backends.xnnpack.partition.xnnpack_partitioner import XnnpackPartitioner
#   from executorch.exir import to_edge_transform_and_lower
#   edge = to_edge_transform_and_lower(exported, partitioner=[XnnpackPartitioner()])
#   program = edge.to_executorch()
#   open("model.pte", "wb").write(program.buffer)
# --8<-- [end:server]

# --8<-- [start:portable]
# Any ONNX runtime: the dynamo-based exporter goes through torch.export too.
onnx_program = torch.onnx.export(
    model,
    (x[:2],),
    dynamic_shapes=({0: batch},),
    dynamo=True,
    verbose=False,
)
onnx_program.save("model.onnx")
session = ort.InferenceSession("model.onnx")
(onnx_out,) = session.run(None, {session.get_inputs()[0].name: x.numpy()})
print("ONNX input shape:", session.get_inputs()[0].shape)
print("ONNX Runtime matches eager:", np.allclose(onnx_out, expected, atol=1e-5))
# --8<-- [end:portable]
