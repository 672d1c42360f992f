"""Port one BatchNorm layer exactly: a PyTorch BatchNorm2d from its state_dict, checked against NumPy.

tensorflow_port_bn.py loads the same arrays into a Keras BatchNormalization; both print the same numbers.
"""

import numpy as np
import torch
from torch import nn

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
bn = nn.BatchNorm2d(C, eps=TORCH_EPS, momentum=TORCH_MOMENTUM)
state = {k: torch.from_numpy(v) for k, v in checkpoint.items()}
state["num_batches_tracked"] = torch.tensor(1000)  # PyTorch only: counts updates, used when momentum=None
bn.load_state_dict(state)
print("PyTorch state_dict:", list(bn.state_dict()))
x = torch.from_numpy(x_nchw)

bn.eval()
with torch.no_grad():
    show("eval  (running statistics)", bn(x).numpy(), ref_eval)
    bn.train()
    show("train (batch statistics)  ", bn(x).numpy(), ref_train)  # also updates the running statistics

print(f"running_mean[:3] after one step: {[round(float(v), 5) for v in bn.running_mean[:3]]}")
print(f"  max |running_mean - NumPy| = {np.abs(bn.running_mean.numpy() - ref_mean).max():.1e}")  # ±1e-6 on other CPUs
print(
    f"running_var[0] after one step: {bn.running_var[0].item():.5f}"
    f" (NumPy with the unbiased batch variance {ref_var_unbiased[0]:.5f}, biased {ref_var_biased[0]:.5f})"
)
# --8<-- [end:port]

# --8<-- [start:mistakes]
# The reverse port: the same arrays as a Keras layer trained with its defaults (momentum 0.99, epsilon 1e-3),
# loaded into PyTorch with the Keras numbers copied literally, one mistake at a time.
_, _, keras_mean, _, _ = reference(x_nchw, checkpoint, 1e-3, 1 - 0.99)
literal = nn.BatchNorm2d(C, eps=1e-3, momentum=0.99)  # 0.99 means "take 99% of the new batch" here
literal.load_state_dict(state)
literal.train()
with torch.no_grad():
    literal(x)
gap = np.abs(literal.running_mean.numpy() - keras_mean).max()
print(f"momentum=0.99 copied as is: running_mean off by up to {gap:.3f} after one step")

keras_eval, _, _, _, _ = reference(x_nchw, checkpoint, 1e-3, 0.01)
default_eps = nn.BatchNorm2d(C, momentum=0.01)  # eps left at 1e-5
default_eps.load_state_dict(state)
default_eps.eval()
with torch.no_grad():
    gap = np.abs(default_eps(x).numpy() - keras_eval).max()
print(f"eps left at its default {default_eps.eps}: eval outputs off by up to {gap:.4f}")
# --8<-- [end:mistakes]
