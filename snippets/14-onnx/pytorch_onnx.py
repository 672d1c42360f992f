"""PyTorch and ONNX: torch.onnx.export (the torch.export-based exporter), checked with ONNX Runtime."""

import numpy as np
import onnx
import onnxruntime as ort
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(8, 16),
    nn.ReLU(),
    nn.Dropout(0.5),  # active in training only: export in eval mode drops it
    nn.Linear(16, 3),
    nn.Softmax(dim=-1),
).eval()
x = torch.randn(4, 8)
with torch.no_grad():
    expected = model(x).numpy()

# --8<-- [start:export]
# torch.onnx.export uses the torch.export-based ("dynamo") exporter by default since torch 2.9.
# verbose=False keeps its progress lines ("[torch.onnx] Run decompositions...") quiet.
onnx_program = torch.onnx.export(
    model,
    (x,),
    "model.onnx",
    input_names=["features"],
    output_names=["probabilities"],
    dynamic_shapes=({0: "batch"},),  # any batch size
    verbose=False,
)

session = ort.InferenceSession("model.onnx", providers=["CPUExecutionProvider"])
onnx_out = session.run(None, {"features": x.numpy()})[0]
print("returned:", type(onnx_program).__name__)
print("inputs:", [(i.name, i.shape) for i in session.get_inputs()])
print("max |ONNX Runtime - PyTorch|:", f"{np.abs(onnx_out - expected).max():.6f}")

graph = onnx.load("model.onnx")
print("producer:", graph.producer_name, "| opset:", graph.opset_import[0].version)
print("operators:", [node.op_type for node in graph.graph.node])  # no Dropout, no optimizer
# --8<-- [end:export]

# --8<-- [start:batch]
# The batch dimension is symbolic, so a different batch size runs too.
bigger = torch.randn(10, 8)
onnx_out = session.run(None, {"features": bigger.numpy()})[0]
with torch.no_grad():
    print("batch of 10: max |diff| =", f"{np.abs(onnx_out - model(bigger).numpy()).max():.6f}")
# --8<-- [end:batch]
