"""Mixed precision in Keras: bfloat16 on the CPU, float16 with loss scaling."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 32)).astype("float32")
y = rng.normal(size=(64, 1)).astype("float32")

# --8<-- [start:bf16]
keras.mixed_precision.set_global_policy("mixed_bfloat16")  # compute in bfloat16, keep weights float32
hidden = keras.layers.Dense(256, activation="relu")
model = keras.Sequential([keras.Input((32,)), hidden, keras.layers.Dense(1, dtype="float32")])  # float32 output

activations = hidden(x)
with tf.GradientTape() as tape:
    loss = tf.reduce_mean(keras.losses.mean_squared_error(y, model(x)))
grads = tape.gradient(loss, model.trainable_variables)
print("policy:", keras.mixed_precision.global_policy().name)
print("weights:", hidden.kernel.dtype, "| activations:", activations.dtype.name, "| output:", model(x).dtype.name)
print("loss:", loss.dtype.name, "| gradients:", grads[0].dtype.name)
n = activations.shape.num_elements()
print("activation bytes, float32 vs bfloat16:", n * 4, "vs", n * activations.dtype.size)
# --8<-- [end:bf16]

# --8<-- [start:scaling]
# Why float16 needs loss scaling and bfloat16 does not: a small gradient underflows in float16.
tiny = tf.constant(1e-8)
print("1e-8 as float16:", float(tf.cast(tiny, tf.float16)), "| as bfloat16:", f"{float(tf.cast(tiny, tf.bfloat16)):.3g}")
print("1e-8 * 32768 as float16:", f"{float(tf.cast(tiny * 32768, tf.float16)):.3g}", "(scaled up, it survives)")

# float16 (on a GPU in real use): compile() wraps the optimizer in a LossScaleOptimizer for you.
keras.mixed_precision.set_global_policy("mixed_float16")
model = keras.Sequential([keras.Input((32,)), keras.layers.Dense(256, activation="relu"), keras.layers.Dense(1, dtype="float32")])
model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
scales = []
for xb, yb in zip(np.split(x, 4), np.split(y, 4)):
    model.train_on_batch(xb, yb)
    scales.append(float(model.optimizer.dynamic_scale))
print("optimizer:", type(model.optimizer).__name__, "| loss scale after each step:", scales)
# The explicit form, for a custom loop: keras.optimizers.LossScaleOptimizer(keras.optimizers.SGD(0.01))
# --8<-- [end:scaling]

# --8<-- [start:changed]
# TF 2.1-2.3 tutorials: tf.keras.mixed_precision.experimental.set_policy("mixed_float16")
try:
    tf.keras.mixed_precision.experimental.set_policy("mixed_float16")
except AttributeError as err:
    print("mixed_precision.experimental ->", type(err).__name__ + ":", err)
# --8<-- [end:changed]
