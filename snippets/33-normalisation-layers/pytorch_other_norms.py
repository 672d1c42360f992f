"""LayerNorm, GroupNorm and RMSNorm with the same weights and epsilon: PyTorch against a NumPy reference.

tensorflow_other_norms.py runs the Keras layers on the same arrays; both print the same numbers.
"""

import numpy as np
import torch
from torch import nn

# --8<-- [start:setup]
rng = np.random.default_rng(7)
EPS = 1e-5
tokens = rng.normal(0.5, 2.0, (2, 6, 8)).astype("float32")  # (batch, sequence, features)
images = rng.normal(0.5, 2.0, (4, 8, 5, 5)).astype("float32")  # NCHW
gamma = rng.uniform(0.5, 1.5, 8).astype("float32")
beta = rng.normal(0.0, 0.2, 8).astype("float32")


def ref_layer_norm(x):  # over the last axis
    x = x.astype("float64")
    return (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + EPS) * gamma + beta


def ref_rms_norm(x):  # no mean subtracted, no shift
    x = x.astype("float64")
    return x / np.sqrt((x**2).mean(-1, keepdims=True) + EPS) * gamma


def ref_group_norm(x, groups=2):  # NCHW, contiguous groups of channels
    n, c, h, w = x.shape
    g = x.astype("float64").reshape(n, groups, -1)
    g = (g - g.mean(-1, keepdims=True)) / np.sqrt(g.var(-1, keepdims=True) + EPS)
    return g.reshape(n, c, h, w) * gamma.reshape(1, c, 1, 1) + beta.reshape(1, c, 1, 1)


def show(name, y, ref):
    print(f"{name:<10} first values {[round(float(v), 4) for v in y.reshape(-1)[:3]]}, sum |y| {np.abs(y.astype('float64')).sum():.2f}")
    print(f"  max |y - NumPy| = {np.abs(y - ref).max():.1e}")  # ±1e-6 on other CPUs
# --8<-- [end:setup]


# --8<-- [start:port]
with torch.no_grad():
    ln = nn.LayerNorm(8, eps=EPS)
    ln.weight.copy_(torch.from_numpy(gamma))
    ln.bias.copy_(torch.from_numpy(beta))
    show("LayerNorm", ln(torch.from_numpy(tokens)).numpy(), ref_layer_norm(tokens))

    rms = nn.RMSNorm(8, eps=EPS)  # weight only: RMSNorm has no bias
    rms.weight.copy_(torch.from_numpy(gamma))
    print("RMSNorm parameters:", [name for name, _ in rms.named_parameters()])
    show("RMSNorm", rms(torch.from_numpy(tokens)).numpy(), ref_rms_norm(tokens))

    gn = nn.GroupNorm(2, 8, eps=EPS)  # channels on dim 1
    gn.weight.copy_(torch.from_numpy(gamma))
    gn.bias.copy_(torch.from_numpy(beta))
    show("GroupNorm", gn(torch.from_numpy(images)).numpy(), ref_group_norm(images))
# --8<-- [end:port]
