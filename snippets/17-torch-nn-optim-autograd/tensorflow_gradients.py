"""Where TensorFlow keeps gradients: nowhere; each tape returns fresh ones, once."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
grid = np.linspace(-1.0, 1.0, 8, dtype="float32")
X = tf.constant(np.stack(np.meshgrid(grid, grid, indexing="ij"), axis=-1).reshape(-1, 2))
y = tf.reshape(3 * X[:, 0] - 2 * X[:, 1] + 1, (-1, 1))
model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)])
loss_fn = keras.losses.MeanSquaredError()

# --8<-- [start:gradients]
# 1. No accumulation: two tapes give the same gradients, nothing to zero.
grads = []
for _ in range(2):
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(X))
    grads.append(tape.gradient(loss, model.trainable_variables)[0])
print("two tapes, same gradient (no accumulation):", bool(tf.reduce_all(grads[0] == grads[1])))

# 2. A tape is released after one gradient call, like PyTorch's graph after backward.
try:
    tape.gradient(loss, model.trainable_variables)
except RuntimeError as err:
    print("gradient twice ->", type(err).__name__ + ":", str(err).split(". ")[0])
# (tf.GradientTape(persistent=True) keeps it, like backward(retain_graph=True).)

# 3. Gradients with respect to an input: watch the constant explicitly.
x = tf.constant([[0.5, -0.5]])
with tf.GradientTape() as tape:
    tape.watch(x)
    prediction = tf.reduce_sum(model(x))
print("d prediction / d input:", [round(v, 4) for v in tape.gradient(prediction, x).numpy()[0].tolist()])
# --8<-- [end:gradients]
