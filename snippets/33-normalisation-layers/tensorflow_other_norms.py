"""LayerNormalization, GroupNormalization and RMSNormalization with the same weights and epsilon, against NumPy.

pytorch_other_norms.py runs the PyTorch layers on the same arrays; both print the same numbers.
"""

import keras
import numpy as np

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
ln = keras.layers.LayerNormalization(axis=-1, epsilon=EPS)
ln.build(tokens.shape)
ln.set_weights([gamma, beta])
show("LayerNorm", np.asarray(ln(tokens)), ref_layer_norm(tokens))

rms = keras.layers.RMSNormalization(axis=-1, epsilon=EPS)  # one weight, 'scale'
rms.build(tokens.shape)
rms.set_weights([gamma])
print("RMSNormalization weights:", [w.path.split("/")[-1] for w in rms.weights])
show("RMSNorm", np.asarray(rms(tokens)), ref_rms_norm(tokens))

gn = keras.layers.GroupNormalization(groups=2, axis=-1, epsilon=EPS)  # channels last
nhwc = images.transpose(0, 2, 3, 1)
gn.build(nhwc.shape)
gn.set_weights([gamma, beta])
show("GroupNorm", np.asarray(gn(nhwc)).transpose(0, 3, 1, 2), ref_group_norm(images))
# --8<-- [end:port]
