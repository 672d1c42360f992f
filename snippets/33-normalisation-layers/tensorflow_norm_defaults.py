"""Keras's normalisation layers: their defaults, and which axes they normalise over (NHWC)."""

import keras
import numpy as np

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)

# --8<-- [start:defaults]
bn = keras.layers.BatchNormalization()
print(f"BatchNormalization: momentum {bn.momentum} (weight of the OLD average), epsilon {bn.epsilon}, axis {bn.axis}")
print(f"LayerNormalization: epsilon {keras.layers.LayerNormalization().epsilon}")
gn = keras.layers.GroupNormalization()
print(f"GroupNormalization: epsilon {gn.epsilon}, groups {gn.groups} by default")
rms = keras.layers.RMSNormalization()
print(f"RMSNormalization:   epsilon {rms.epsilon}")
print(f"keras.layers.InstanceNormalization exists: {hasattr(keras.layers, 'InstanceNormalization')}")
# --8<-- [end:defaults]

# --8<-- [start:axes]
x = rng.standard_normal((4, 5, 5, 8)).astype("float32")  # NHWC: Keras's default layout for images
bn(x, training=True)
print(f"BatchNormalization() on {x.shape}: moving_mean {tuple(bn.moving_mean.shape)}, statistics over N, H, W per channel")
wrong = keras.layers.BatchNormalization()  # axis=-1, fed an NCHW tensor from a PyTorch pipeline
wrong(x.transpose(0, 3, 1, 2), training=True)
print(f"BatchNormalization() on NCHW {x.transpose(0, 3, 1, 2).shape}: moving_mean {tuple(wrong.moving_mean.shape)}, silently per W column")
right = keras.layers.BatchNormalization(axis=1)  # the fix for channels-first data
right(x.transpose(0, 3, 1, 2), training=True)
print(f"BatchNormalization(axis=1) on NCHW: moving_mean {tuple(right.moving_mean.shape)}")

tokens = rng.standard_normal((2, 6, 8)).astype("float32")  # (batch, sequence, features)
ln = keras.layers.LayerNormalization(axis=-1)  # axis = the axes NORMALISED OVER (BatchNormalization: the axis KEPT)
out = np.asarray(ln(tokens))
print(f"LayerNormalization(): per-token mean 0: {bool(np.abs(out.mean(-1)).max() < 1e-6)}, std {out.std(-1).mean():.4f}")
g = np.asarray(keras.layers.GroupNormalization(groups=2)(x))  # channels last: two groups of 4
g = g.reshape(4, 5, 5, 2, 4).transpose(0, 3, 1, 2, 4).reshape(4, 2, -1)
print(f"GroupNormalization(groups=2): per-(sample, group) std {g.std(-1).mean():.4f}")
r = np.asarray(rms(tokens))
print(f"RMSNormalization(): per-token root mean square {np.sqrt((r**2).mean(-1)).mean():.4f}, mean not removed")
# --8<-- [end:axes]

# --8<-- [start:epsilon]
# epsilon is added to the variance: next to a small variance, Keras's 1e-3 is not negligible.
quiet = (0.01 * rng.standard_normal((2, 64))).astype("float32")  # feature std 0.01, variance 1e-4
for eps in (1e-3, 1e-5):
    y = np.asarray(keras.layers.LayerNormalization(epsilon=eps)(quiet))
    print(f"LayerNormalization(epsilon={eps:g}) on inputs with std 0.01: output std {y.std(-1).mean():.3f}")
# --8<-- [end:epsilon]
