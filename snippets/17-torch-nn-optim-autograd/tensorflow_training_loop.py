"""The same loop in TensorFlow: keras.layers, keras.optimizers and tf.GradientTape."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)

# Tiny regression data: y = 3*x1 - 2*x2 + 1 on a fixed 8x8 grid (64 samples, 2 features).
grid = np.linspace(-1.0, 1.0, 8, dtype="float32")
X = tf.constant(np.stack(np.meshgrid(grid, grid, indexing="ij"), axis=-1).reshape(-1, 2))
y = tf.reshape(3 * X[:, 0] - 2 * X[:, 1] + 1, (-1, 1))

# --8<-- [start:loop]
# keras.layers (torch.nn's role): layers that own their variables, and the loss function.
model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(8, activation="relu", name="hidden"), keras.layers.Dense(1, name="out")])
loss_fn = keras.losses.MeanSquaredError()

# keras.optimizers (torch.optim's role): the update rule.
optimizer = keras.optimizers.Adam(learning_rate=0.05)

print(f"loss before training: {float(loss_fn(y, model(X))):.4f}")


@tf.function  # optional: traces the step into a graph once, then runs it fast (question 8)
def train_step(X, y):
    with tf.GradientTape() as tape:  # tf.GradientTape (torch.autograd's role): record the forward pass
        loss = loss_fn(y, model(X, training=True))
    grads = tape.gradient(loss, model.trainable_variables)  # returned, not stored on the variables
    optimizer.apply_gradients(zip(grads, model.trainable_variables))  # keras.optimizers: update
    return grads


for _ in range(200):
    grads = train_step(X, y)

print(f"loss after training:  {float(loss_fn(y, model(X))):.4f}")

# Gradients are a list the tape hands back, one per variable you asked about.
for var, grad in zip(model.trainable_variables, grads):
    print(f"{var.path:24} trainable={var.trainable}  gradient shape={tuple(grad.shape)}")
with tf.GradientTape() as tape:
    loss = loss_fn(y, model(X))
print("gradient for X (a constant, not watched):", tape.gradient(loss, X))
# --8<-- [end:loop]
