"""Keras's default initialisers, measured on real layers, next to the He rule for ReLU."""

import math

import keras
import numpy as np

keras.utils.set_random_seed(0)


def stats(name, v, theory_std=None):
    v = np.asarray(v)
    line = f"{name:<31} max|w| {np.abs(v).max():.4f}  std {v.std():.4f}"
    if theory_std is not None:
        line += f"  (formula {theory_std:.4f})"
    print(line)


# --8<-- [start:defaults]
fan_in, fan_out = 512, 128
dense = keras.layers.Dense(fan_out)
dense.build((None, fan_in))  # kernel shape (in, out) = (512, 128)
# glorot_uniform: U(-limit, limit) with limit = sqrt(6 / (fan_in + fan_out)); bias 'zeros'
limit = math.sqrt(6 / (fan_in + fan_out))
print(f"Dense({fan_out}) on {fan_in} inputs: limit sqrt(6/(fan_in+fan_out)) = {limit:.4f}")
stats("  kernel", dense.kernel, theory_std=limit / math.sqrt(3))
stats("  bias (zeros)", dense.bias)
he_std = math.sqrt(2 / fan_in)
print(f"  He std for ReLU sqrt(2/fan_in) = {he_std:.4f}: Glorot variance here is {(limit**2 / 3) / he_std**2:.2f} of it")

conv = keras.layers.Conv2D(128, 3)
conv.build((None, 32, 32, 64))  # fan_in = 3*3*64 = 576, fan_out = 3*3*128 = 1152
stats("Conv2D(128, 3) kernel", conv.kernel, theory_std=math.sqrt(2 / (576 + 1152)))
emb = keras.layers.Embedding(1000, 64)
emb.build((None,))  # 'uniform': U(-0.05, 0.05), not scaled by any fan
stats("Embedding(1000, 64) embeddings", emb.embeddings, theory_std=0.1 / math.sqrt(12))
lstm = keras.layers.LSTM(64)
lstm.build((None, 10, 32))
cell = lstm.cell
print(f"LSTM(64): kernel {type(cell.kernel_initializer).__name__}, recurrent {type(cell.recurrent_initializer).__name__}")
w_rec = np.asarray(cell.recurrent_kernel)  # (64, 256): the four gates side by side
print(f"  recurrent kernel {w_rec.shape} has orthonormal rows: {np.allclose(w_rec @ w_rec.T, np.eye(64), atol=1e-5)}")
bias = np.asarray(cell.bias)
print(f"  bias per gate (i, f, c, o): {[float(bias[g * 64]) for g in range(4)]} (unit_forget_bias=True)")
# --8<-- [end:defaults]

# --8<-- [start:fix]
model = keras.Sequential(
    [
        keras.Input((fan_in,)),
        keras.layers.Dense(fan_out, activation="relu", kernel_initializer=keras.initializers.HeNormal(seed=0)),
        keras.layers.Dense(10),
    ]
)
w = np.asarray(model.layers[0].kernel)
stats("He: HeNormal kernel", w, theory_std=he_std)
print(f"  max|w| / std = {np.abs(w).max() / w.std():.2f} (truncated normal: nothing beyond 2.27 std)")
# --8<-- [end:fix]

# --8<-- [start:changed]
# Keras 1 spelled the argument init=...; Keras 2 renamed it kernel_initializer, and Keras 3 refuses the old one.
try:
    keras.layers.Dense(10, init="he_normal")
except ValueError as err:
    print(f"Dense(10, init='he_normal') -> ValueError: {err}")
# --8<-- [end:changed]
