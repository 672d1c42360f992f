"""Gradient clipping by global norm in TensorFlow / Keras."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)

# The same weights and data as the PyTorch program, from one NumPy generator, so the norms match.
rng = np.random.default_rng(0)
x = (rng.normal(size=(16, 4)) * 10).astype("float32")  # large inputs -> large gradients
y = rng.normal(size=(16, 1)).astype("float32")
w1 = rng.normal(size=(4, 8)).astype("float32")
w2 = rng.normal(size=(8, 1)).astype("float32")

# --8<-- [start:clip]
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="tanh"), keras.layers.Dense(1)])
model.set_weights([w1, np.zeros(8, "float32"), w2, np.zeros(1, "float32")])

with tf.GradientTape() as tape:
    loss = tf.reduce_mean(keras.losses.mean_squared_error(y, model(x)))
grads = tape.gradient(loss, model.trainable_variables)

clipped, norm_before = tf.clip_by_global_norm(grads, clip_norm=1.0)
print(f"global norm before: {float(norm_before):.2f}")
print(f"global norm after:  {float(tf.linalg.global_norm(clipped)):.2f}")
# Clipping by global norm rescales every gradient by the same factor: the direction is kept.
flat = tf.concat([tf.reshape(g, [-1]) for g in grads], 0)
flat_clipped = tf.concat([tf.reshape(g, [-1]) for g in clipped], 0)
cosine = tf.reduce_sum(flat * flat_clipped) / (tf.norm(flat) * tf.norm(flat_clipped))
print(f"direction kept (cosine similarity): {float(cosine):.4f}")

# In Keras the optimizer does it for you: global_clipnorm (all gradients together) or
# clipnorm (each variable separately).
before = [v.numpy().copy() for v in model.trainable_variables]
optimizer = keras.optimizers.SGD(learning_rate=0.1, global_clipnorm=1.0)
optimizer.apply(grads, model.trainable_variables)
step = np.sqrt(sum(np.sum((v.numpy() - b) ** 2) for v, b in zip(model.trainable_variables, before)))
print(f"size of the SGD step with global_clipnorm=1.0, lr=0.1: {step:.4f}")
# --8<-- [end:clip]
