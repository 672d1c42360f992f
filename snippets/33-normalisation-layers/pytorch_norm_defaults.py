"""PyTorch's normalisation layers: their defaults, and which axes they normalise over (NCHW)."""

import torch
from torch import nn

torch.manual_seed(0)

# --8<-- [start:defaults]
bn = nn.BatchNorm2d(8)
print(f"nn.BatchNorm2d: momentum {bn.momentum} (weight of the NEW batch), eps {bn.eps}")
print(f"nn.LayerNorm:   eps {nn.LayerNorm(8).eps}")
print(f"nn.GroupNorm:   eps {nn.GroupNorm(2, 8).eps} (num_groups is required)")
rms = nn.RMSNorm(8)
print(f"nn.RMSNorm:     eps {rms.eps} -> torch.finfo(float32).eps = {torch.finfo(torch.float32).eps:.3g} at run time")
inorm = nn.InstanceNorm2d(8)
print(f"nn.InstanceNorm2d: eps {inorm.eps}, affine {inorm.affine}, track_running_stats {inorm.track_running_stats}")
# --8<-- [end:defaults]

# --8<-- [start:axes]
x = torch.randn(4, 8, 5, 5)  # NCHW: PyTorch's layout for images
bn.train()
bn(x)
print(f"BatchNorm2d(8) on {tuple(x.shape)}: running_mean {tuple(bn.running_mean.shape)}, statistics over N, H, W per channel")
try:
    bn(x.permute(0, 2, 3, 1))  # an NHWC tensor from a Keras pipeline
except RuntimeError as err:
    print(f"BatchNorm2d(8) on NHWC {tuple(x.permute(0, 2, 3, 1).shape)} -> RuntimeError: {err}")

tokens = torch.randn(2, 6, 8)  # (batch, sequence, features)
ln = nn.LayerNorm(8)  # normalized_shape: the LAST dims, here the 8 features of each token
out = ln(tokens)
print(f"LayerNorm(8): per-token mean 0: {bool(out.mean(-1).abs().max() < 1e-6)}, std {out.std(-1, unbiased=False).mean().item():.4f}")
gn = nn.GroupNorm(2, 8)  # channel dim 1: two groups of 4 channels, statistics over (4, H, W) per sample
g = gn(x).reshape(4, 2, -1)
print(f"GroupNorm(2, 8): per-(sample, group) std {g.std(-1, unbiased=False).mean().item():.4f}")
r = rms(tokens)
print(f"RMSNorm(8): per-token root mean square {r.pow(2).mean(-1).sqrt().mean().item():.4f}, mean not removed")
# --8<-- [end:axes]

# --8<-- [start:epsilon]
# eps is added to the variance: PyTorch's 1e-5 is small next to a variance of 1e-4, Keras's 1e-3 is not.
quiet = 0.01 * torch.randn(2, 64)  # feature std 0.01, variance 1e-4
for eps in (1e-3, 1e-5):
    y = nn.LayerNorm(64, eps=eps)(quiet)
    print(f"LayerNorm(64, eps={eps:g}) on inputs with std 0.01: output std {y.std(-1, unbiased=False).mean().item():.3f}")
# --8<-- [end:epsilon]
