"""The nearest runnable PyTorch edge flow here: torch.export -> ONNX -> ONNX Runtime (ExecuTorch calls shown)."""

import onnx
import onnxruntime as ort
import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(1, 4)

# --8<-- [start:flow]
# 1. Build (and normally train) the model in PyTorch.
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3), nn.Softmax(dim=-1)).eval()
with torch.no_grad():
    expected = model(x)

# 2. Capture the whole model as a graph: the first step of every PyTorch edge path.
exported = torch.export.export(model, (x,))

# ExecuTorch (pip install executorch; not installed here) would lower it to a .pte file:
#   from executorch.exir import to_edge_transform_and_lower
#   from executorch.backends.xnnpack.partition.xnnpack_partitioner import XnnpackPartitioner
#   program = to_edge_transform_and_lower(exported, partitioner=[XnnpackPartitioner()]).to_executorch()
#   open("model.pte", "wb").write(program.buffer)
# and its runtime would run it on the phone, or in Python:
#   from executorch.runtime import Runtime
#   Runtime.get().load_program("model.pte").load_method("forward").execute([x])

# Runnable here: export the same graph to ONNX and run it with ONNX Runtime,
# which also ships mobile builds (ONNX Runtime Mobile for Android and iOS).
torch.onnx.export(exported, (x,), "model.onnx", input_names=["features"], verbose=False)
print("operators:", [node.op_type for node in onnx.load("model.onnx").graph.node])
session = ort.InferenceSession("model.onnx", providers=["CPUExecutionProvider"])
probabilities = session.run(None, {"features": x.numpy()})[0]
print("ONNX Runtime:", probabilities.round(4), "| max |diff| vs PyTorch:", f"{abs(probabilities - expected.numpy()).max():.6f}")
# --8<-- [end:flow]

# --8<-- [start:accelerators]
# ONNX Runtime's "execution providers" play the role of LiteRT delegates / ExecuTorch backends.
print("available here:", ort.get_available_providers())
# Ask for Core ML first (what an iOS build would use); this machine falls back to the CPU.
session = ort.InferenceSession("model.onnx", providers=["CoreMLExecutionProvider", "CPUExecutionProvider"])
print("session uses:", session.get_providers())
# ExecuTorch picks hardware at export time instead, with one partitioner per backend:
#   XnnpackPartitioner (CPU), CoreMLPartitioner / MPSPartitioner (Apple), VulkanPartitioner (GPU),
#   QnnPartitioner (Qualcomm NPU); anything a partitioner does not take runs on portable CPU kernels.
# --8<-- [end:accelerators]
