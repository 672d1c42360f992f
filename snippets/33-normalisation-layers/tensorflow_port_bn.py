"""Port one BatchNorm layer exactly: the PyTorch BatchNorm2d checkpoint into Keras BatchNormalization.

pytorch_port_bn.py loads the same arrays into nn.BatchNorm2d; both print the same numbers.
"""

import keras
import numpy as np

# --8<-- [start:setup]
# The same "checkpoint" and input in both programs: a BatchNorm2d(8) state_dict, as NumPy arrays.
rng = np.random.default_rng(42)
C = 8
checkpoint = {
    "weight": rng.uniform(0.5, 1.5, C),
    "bias": rng.normal(0.0, 0.2, C),
    "running_mean": rng.normal(0.0, 1.0, C),
    "running_var": rng.uniform(0.5, 2.0, C),
}
checkpoint = {k: v.astype("float32") for k, v in checkpoint.items()}
x_nchw = rng.normal(1.0, 2.0, (4, C, 5, 5)).astype("float32")
TORCH_MOMENTUM, TORCH_EPS = 0.1, 1e-5


def reference(x, ck, eps, momentum):
    """BatchNorm in float64 NumPy, NCHW: eval output, train output, updated running statistics."""
    x = x.astype("float64")
    ck = {k: v.astype("float64") for k, v in ck.items()}
    c = (1, -1, 1, 1)
    g, b = ck["weight"].reshape(c), ck["bias"].reshape(c)
    y_eval = (x - ck["running_mean"].reshape(c)) / np.sqrt(ck["running_var"].reshape(c) + eps) * g + b
    mean, var = x.mean((0, 2, 3)), x.var((0, 2, 3))  # biased batch variance
    n = x.size // x.shape[1]
    y_train = (x - mean.reshape(c)) / np.sqrt(var.reshape(c) + eps) * g + b
    new_mean = (1 - momentum) * ck["running_mean"] + momentum * mean
    new_var_unbiased = (1 - momentum) * ck["running_var"] + momentum * var * n / (n - 1)
    new_var_biased = (1 - momentum) * ck["running_var"] + momentum * var
    return y_eval, y_train, new_mean, new_var_unbiased, new_var_biased


ref_eval, ref_train, ref_mean, ref_var_unbiased, ref_var_biased = reference(x_nchw, checkpoint, TORCH_EPS, TORCH_MOMENTUM)


def show(name, y_nchw, ref):
    first = [round(float(v), 4) for v in y_nchw[0, 0, 0, :3]]
    print(f"{name}: y[0, 0, 0, :3] = {first}, sum |y| = {np.abs(y_nchw.astype('float64')).sum():.2f}")
    print(f"  max |y - NumPy| = {np.abs(y_nchw - ref).max():.1e}")  # ±1e-6 on other CPUs
# --8<-- [end:setup]


# --8<-- [start:port]
# Convert the hyperparameters, rename the weights, and move the channel axis.
bn = keras.layers.BatchNormalization(axis=-1, momentum=1 - TORCH_MOMENTUM, epsilon=TORCH_EPS)
bn.build((None, 5, 5, C))
print("Keras weights:", [w.path.split("/")[-1] for w in bn.weights])
bn.set_weights([checkpoint["weight"], checkpoint["bias"], checkpoint["running_mean"], checkpoint["running_var"]])
x = x_nchw.transpose(0, 2, 3, 1)  # NCHW -> NHWC


def to_nchw(y):
    return np.asarray(y).transpose(0, 3, 1, 2)


show("eval  (running statistics)", to_nchw(bn(x, training=False)), ref_eval)
show("train (batch statistics)  ", to_nchw(bn(x, training=True)), ref_train)  # also updates the moving statistics

moving_mean, moving_var = np.asarray(bn.moving_mean), np.asarray(bn.moving_variance)
print(f"running_mean[:3] after one step: {[round(float(v), 5) for v in moving_mean[:3]]}")
print(f"  max |running_mean - NumPy| = {np.abs(moving_mean - ref_mean).max():.1e}")  # ±1e-6 on other CPUs
print(
    f"running_var[0] after one step: {moving_var[0]:.5f}"
    f" (NumPy with the unbiased batch variance {ref_var_unbiased[0]:.5f}, biased {ref_var_biased[0]:.5f})"
)
# --8<-- [end:port]

# --8<-- [start:mistakes]
# The same port with the PyTorch numbers copied literally, one mistake at a time.
literal = keras.layers.BatchNormalization(momentum=TORCH_MOMENTUM, epsilon=TORCH_EPS)  # 0.1 means "keep 10%" here
literal.build((None, 5, 5, C))
literal.set_weights(bn.get_weights()[:2] + [checkpoint["running_mean"], checkpoint["running_var"]])
literal(x, training=True)
gap = np.abs(np.asarray(literal.moving_mean) - ref_mean).max()
print(f"momentum=0.1 copied as is: moving_mean off by up to {gap:.3f} after one step")

default_eps = keras.layers.BatchNormalization(momentum=1 - TORCH_MOMENTUM)  # epsilon left at 1e-3
default_eps.build((None, 5, 5, C))
default_eps.set_weights(literal.get_weights()[:2] + [checkpoint["running_mean"], checkpoint["running_var"]])
gap = np.abs(to_nchw(default_eps(x, training=False)) - ref_eval).max()
print(f"epsilon left at its default {default_eps.epsilon}: eval outputs off by up to {gap:.4f}")
# --8<-- [end:mistakes]
