"""Mixed-precision recipes in PyTorch: bf16 autocast, fp16 autocast + GradScaler, half-precision inference."""

import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "cpu"  # the same code runs on a GPU
model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10)).to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.randn(32, 64, device=device), torch.randint(0, 10, (32,), device=device)

# --8<-- [start:tf32]
# FP32 matmuls on Ampere+ GPUs: PyTorch keeps full FP32 unless you opt in to TF32 tensor cores
# (cuDNN convolutions are the exception: torch.backends.cudnn.allow_tf32 defaults to True).
print("float32 matmul precision:", torch.get_float32_matmul_precision(), "(opt in: torch.set_float32_matmul_precision('high'))")
# --8<-- [end:tf32]

# --8<-- [start:bf16]
# Recipe 1, bf16 (Ampere+ GPUs, TPUs, CPUs with AMX/AVX-512 BF16): autocast, no loss scaling.
with torch.autocast(device_type=device, dtype=torch.bfloat16):
    logits = model(x)  # matmuls run in bf16
    loss = F.cross_entropy(logits, y)  # autocast keeps losses and reductions in fp32
loss.backward()  # backward outside the autocast block
print(
    "bf16 autocast: logits", logits.dtype, "| loss", loss.dtype, "| weights", model[0].weight.dtype, "| grads", model[0].weight.grad.dtype
)
optimizer.step()
optimizer.zero_grad()
# --8<-- [end:bf16]

# --8<-- [start:fp16]
# Recipe 2, fp16 (Volta/Turing GPUs, or anywhere bf16 is missing): autocast + GradScaler.
scaler = torch.amp.GradScaler(device)
print("initial loss scale:", scaler.get_scale())
for factor in (1.0, 1e38):  # the second step fakes an overflow (inf gradients in fp16)
    with torch.autocast(device_type=device, dtype=torch.float16):
        loss = F.cross_entropy(model(x), y) * factor
    before = model[0].weight.detach().clone()
    scaler.scale(loss).backward()  # backward on loss * scale: small gradients stay above fp16's underflow
    scaler.step(optimizer)  # unscales the gradients; skips the step if any is inf or NaN
    scaler.update()  # halves the scale after an overflow, grows it after 2000 clean steps
    optimizer.zero_grad()
    changed = not torch.equal(before, model[0].weight)
    print(f"loss x {factor:g}: step applied {changed}, scale now {scaler.get_scale():g}")
# --8<-- [end:fp16]

# --8<-- [start:inference]
# Recipe 3, inference: cast the whole model (weights too) to half precision.
model.eval()
with torch.no_grad():
    reference = model(x)
    half = model.to(torch.bfloat16)(x.to(torch.bfloat16))
print("bf16 inference: weights", model[0].weight.dtype, f"| max difference {(half.float() - reference).abs().max().item():.3f}")
print("predictions unchanged:", bool((half.float().argmax(1) == reference.argmax(1)).all()))
# For int8 inference, see question 28 (torchao quantize_).
# --8<-- [end:inference]
