"""Mixed precision in PyTorch: bfloat16 autocast on the CPU, float16 with GradScaler."""

import warnings

import numpy as np
import torch

torch.manual_seed(0)
rng = np.random.default_rng(0)
x = torch.tensor(rng.normal(size=(64, 32)), dtype=torch.float32)
y = torch.tensor(rng.normal(size=(64, 1)), dtype=torch.float32)
model = torch.nn.Sequential(torch.nn.Linear(32, 256), torch.nn.ReLU(), torch.nn.Linear(256, 1))

# --8<-- [start:bf16]
with torch.autocast("cpu", dtype=torch.bfloat16):  # ops that gain run in bfloat16
    activations = model[1](model[0](x))
    out = model[2](activations)
    loss = torch.nn.functional.mse_loss(out.float(), y)  # compute the loss in float32
loss.backward()  # backward outside autocast; gradients match the float32 weights
print("weights:", model[0].weight.dtype, "| activations:", activations.dtype, "| output:", out.dtype)
print("loss:", loss.dtype, "| gradients:", model[0].weight.grad.dtype)
n = activations.numel()
print("activation bytes, float32 vs bfloat16:", n * 4, "vs", n * activations.element_size())
# --8<-- [end:bf16]

# --8<-- [start:scaling]
# Why float16 needs loss scaling and bfloat16 does not: a small gradient underflows in float16.
tiny = torch.tensor(1e-8)
print("1e-8 as float16:", tiny.half().item(), "| as bfloat16:", f"{tiny.bfloat16().item():.3g}")
print("1e-8 * 32768 as float16:", f"{(tiny * 32768).half().item():.3g}", "(scaled up, it survives)")

# float16 with GradScaler, the usual recipe on a CUDA GPU (autocast + GradScaler run on the CPU too).
device = "cuda" if torch.cuda.is_available() else "cpu"
model = model.to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
scaler = torch.amp.GradScaler(device)  # starts at 2**16 and adapts
scales = []
for xb, yb in zip(x.split(16), y.split(16)):
    optimizer.zero_grad()
    with torch.autocast(device, dtype=torch.float16):
        loss = torch.nn.functional.mse_loss(model(xb.to(device)).float(), yb.to(device))
    scaler.scale(loss).backward()  # backward on loss * scale
    scaler.unscale_(optimizer)  # back to true gradients (clip here if you clip)
    scaler.step(optimizer)  # skips the step if any gradient is inf/nan
    scaler.update()  # halves the scale after an overflow, grows it after a run of good steps
    scales.append(scaler.get_scale())
print("loss scale after each step:", scales)
# --8<-- [end:scaling]

# --8<-- [start:changed]
# Older tutorials: torch.cuda.amp.autocast() and torch.cuda.amp.GradScaler(). Both still run, but warn.
for old in (torch.cuda.amp.autocast, torch.cuda.amp.GradScaler):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old()
    deprecation = next(w for w in caught if issubclass(w.category, FutureWarning))
    print(deprecation.category.__name__ + ":", deprecation.message)
# --8<-- [end:changed]
