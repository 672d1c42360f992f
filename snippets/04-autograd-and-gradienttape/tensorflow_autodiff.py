"""Automatic differentiation in TensorFlow with tf.GradientTape."""

import keras
import tensorflow as tf

keras.utils.set_random_seed(0)

# --8<-- [start:basics]
x = tf.Variable(2.0)  # trainable variables are watched automatically

with tf.GradientTape() as tape:  # record the operations below
    y = x**3 + 2.0 * x  # y = x³ + 2x

dy_dx = tape.gradient(y, x)  # replay the tape backwards: 3x² + 2
print("y =", y.numpy(), "| dy/dx at x=2 =", dy_dx.numpy())
# --8<-- [end:basics]

# --8<-- [start:control]
# A tf.constant is not watched unless you ask: its gradient is None.
c = tf.constant(2.0)
with tf.GradientTape() as tape:
    y = c**2
print("unwatched constant ->", tape.gradient(y, c))
with tf.GradientTape() as tape:
    tape.watch(c)
    y = c**2
print("after tape.watch ->", tape.gradient(y, c).numpy())

# A tape is released after one gradient() call unless it is persistent.
with tf.GradientTape() as tape:
    y = x**2
    z = x**3
tape.gradient(y, x)
try:
    tape.gradient(z, x)
except RuntimeError as err:
    print("second gradient() call ->", type(err).__name__ + ":", str(err).splitlines()[0])
with tf.GradientTape(persistent=True) as tape:
    y = x**2
    z = x**3
print("persistent tape ->", tape.gradient(y, x).numpy(), tape.gradient(z, x).numpy())
del tape  # release the resources a persistent tape holds

# tf.stop_gradient blocks the flow; integer outputs are not differentiable at all.
with tf.GradientTape(persistent=True) as tape:
    blocked = tf.stop_gradient(x) * x
    index = tf.cast(x, tf.int32)
print("stop_gradient(x) * x ->", tape.gradient(blocked, x).numpy(), "(only the second factor)")
print("cast to int32 ->", tape.gradient(index, x))
# --8<-- [end:control]

# --8<-- [start:higher]
# Nested tapes give higher derivatives; jacobian() gives every output's gradient.
with tf.GradientTape() as outer:
    with tf.GradientTape() as inner:
        y = x**3
    dy = inner.gradient(y, x)  # 3x²
d2y = outer.gradient(dy, x)  # 6x
print("d²y/dx² at x=2 =", d2y.numpy())

v = tf.Variable([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    squares = v**2
print("jacobian of v² =\n", tape.jacobian(squares, v).numpy())
# --8<-- [end:higher]

# --8<-- [start:train]
# A training step: record the forward pass, get gradients for every trainable weight, apply.
model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
model.layers[0].set_weights([tf.constant([[0.1], [0.2], [-0.1]]), tf.zeros(1)])  # same start as PyTorch
optimizer = keras.optimizers.SGD(learning_rate=0.1)
features = tf.constant([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]])
targets = tf.constant([[1.0], [0.0]])


@tf.function  # compiled into a graph; the tape works the same inside
def train_step(features, targets):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(features, training=True) - targets) ** 2)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


for step in range(3):
    print(f"step {step}: loss {float(train_step(features, targets)):.4f}")
# --8<-- [end:train]

# --8<-- [start:changed]
# TF 1's symbolic tf.gradients only works inside a graph; in eager code it refuses.
try:
    tf.gradients(x**2, x)
except RuntimeError as err:
    print("tf.gradients in eager mode ->", type(err).__name__ + ":", err)


@tf.function
def graph_gradient(x):
    return tf.gradients(x**2, x)[0]  # still valid inside tf.function


print("tf.gradients inside tf.function ->", graph_gradient(tf.constant(2.0)).numpy())
# --8<-- [end:changed]
