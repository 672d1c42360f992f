"""Tensor shapes and memory layout in PyTorch: strides, view vs reshape, broadcasting, einsum, NCHW and channels_last."""

import warnings

import numpy as np
import torch
from torch import nn

torch.manual_seed(0)

# --8<-- [start:strides]
x = torch.arange(12.0).reshape(3, 4)
t = x.t()  # a transpose is a view: same memory, swapped strides
print("x:", tuple(x.shape), "strides", x.stride(), "contiguous", x.is_contiguous())
print("x.t():", tuple(t.shape), "strides", t.stride(), "contiguous", t.is_contiguous())
print("x.t() shares x's memory:", t.data_ptr() == x.data_ptr())

v = x.view(2, 6)  # view: new shape and strides over the same memory, never a copy
v[0, 0] = 100.0
print("after v[0, 0] = 100, x[0, 0] =", x[0, 0].item())
v[0, 0] = 0.0

try:
    t.view(12)
except RuntimeError as error:
    print("x.t().view(12) -> RuntimeError:", error)
print("x.t().reshape(12) copies:", t.reshape(12).data_ptr() != x.data_ptr())
print("x.reshape(12) copies:    ", x.reshape(12).data_ptr() != x.data_ptr())
print("x.t().contiguous().view(12):", t.contiguous().view(12)[:4].tolist())

try:
    x.reshape(5, -1)
except RuntimeError as error:
    print("x.reshape(5, -1) -> RuntimeError:", error)

e = torch.tensor([[1.0], [2.0], [3.0]]).expand(3, 4)  # broadcast without copying
print("expand(3, 4): strides", e.stride())
# --8<-- [end:strides]

# --8<-- [start:broadcast]
a, b = torch.ones(8, 1, 6, 1), torch.ones(7, 1, 5)
print("(8, 1, 6, 1) + (7, 1, 5) ->", tuple((a + b).shape))
try:
    torch.ones(2, 3) + torch.ones(2, 4)
except RuntimeError as error:
    print("(2, 3) + (2, 4) -> RuntimeError:", error)

pred = torch.tensor([0.0, 1.0, 2.0, 3.0])  # shape (4,)
target = pred.reshape(4, 1)  # the same values, shape (4, 1)
print("(4,) - (4, 1) ->", tuple((pred - target).shape), "(no error)")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    loss = nn.functional.mse_loss(pred, target)
print(f"mse_loss of equal values: {loss.item():.2f}, UserWarning: {caught[0].message}")
# --8<-- [end:broadcast]

# --8<-- [start:einsum]
q, k = torch.randn(2, 5, 8), torch.randn(2, 7, 8)  # (batch, positions, features)
scores = torch.einsum("bqd,bkd->bqk", q, k)  # every query against every key
print("einsum bqd,bkd->bqk:", tuple(scores.shape), "equals q @ k.transpose(1, 2):", torch.allclose(scores, q @ k.transpose(1, 2)))
print("einsum ii-> (trace):", torch.einsum("ii->", torch.eye(4)).item())
try:
    torch.einsum("ij,jk->ik", torch.ones(2, 3), torch.ones(4, 5))
except RuntimeError as error:
    print("einsum ij,jk with j=3 and j=4 -> RuntimeError:", error)
# --8<-- [end:einsum]

# --8<-- [start:layout]
conv = nn.Conv2d(3, 8, kernel_size=3)  # weight (out, in, kh, kw); input (N, C, H, W)
print("Conv2d weight:", tuple(conv.weight.shape), "output for NCHW (1, 3, 32, 32):", tuple(conv(torch.zeros(1, 3, 32, 32)).shape))
nhwc = torch.zeros(1, 32, 32, 3)  # an image batch as it comes from PIL, NumPy or TensorFlow
try:
    conv(nhwc)
except RuntimeError as error:
    print("NHWC into Conv2d -> RuntimeError:", error)
print("fixed with permute(0, 3, 1, 2):", tuple(conv(nhwc.permute(0, 3, 1, 2)).shape))

# channels_last: the logical shape stays NCHW, the memory order becomes NHWC.
img = torch.randn(2, 3, 4, 5)
cl = img.to(memory_format=torch.channels_last)
print("NCHW strides:", img.stride(), " channels_last strides:", cl.stride(), " shape still", tuple(cl.shape))
print("channels_last: is_contiguous()", cl.is_contiguous(), " is_contiguous(memory_format=torch.channels_last)", cl.is_contiguous(memory_format=torch.channels_last))
out = conv.to(memory_format=torch.channels_last)(cl)
print("conv output keeps channels_last:", out.is_contiguous(memory_format=torch.channels_last), " same values as NCHW:", torch.allclose(out, conv(img), atol=1e-6))
# --8<-- [end:layout]

# --8<-- [start:port]
# The same convolution in both frameworks: NumPy makes the weights in PyTorch's layout.
rng = np.random.default_rng(0)
w = rng.normal(size=(4, 3, 3, 3)).astype("float32")  # (out, in, kh, kw)
images = rng.normal(size=(1, 3, 6, 6)).astype("float32")  # NCHW
ported = nn.Conv2d(3, 4, 3, bias=False)
with torch.no_grad():
    ported.weight.copy_(torch.from_numpy(w))
y = ported(torch.from_numpy(images))
print("ported conv: output", tuple(y.shape), "y[0, :, 0, 0] =", [round(v, 3) for v in y[0, :, 0, 0].tolist()])
linear = nn.Linear(16, 10)
print("nn.Linear(16, 10).weight:", tuple(linear.weight.shape), "(out, in)")
# --8<-- [end:port]
