"""TensorFlow: tf.custom_gradient with a hand-written gradient, and a straight-through estimator."""

import gc
import weakref

import numpy as np
import tensorflow as tf

tf.random.set_seed(0)


# --8<-- [start:function]
@tf.custom_gradient
def swish(x):
    """swish(x) = x * sigmoid(x); the gradient function closes over x only."""

    def grad(upstream):  # one gradient per input of swish
        s = tf.sigmoid(x)  # recomputed here instead of kept from the forward pass
        return upstream * (s + x * s * (1 - s))

    return x * tf.sigmoid(x), grad


x = tf.random.normal((1024, 256))
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    auto = x * tf.sigmoid(x)  # autodiff's version of the same function
    custom = swish(x)
match = np.allclose(tape.gradient(custom, x), tape.gradient(auto, x), atol=1e-6)
print("custom gradient matches autodiff's:", match)

# tf.test.compute_gradient returns the analytic and the finite-difference Jacobians (float64 here).
x64 = tf.random.normal((8,), dtype=tf.float64)
analytic, numeric = tf.test.compute_gradient(swish, [x64])
print("max |analytic - numeric| Jacobian difference < 1e-6:", np.abs(analytic[0] - numeric[0]).max() < 1e-6)
# --8<-- [end:function]


# --8<-- [start:memory]
refs = []  # weak references: they do not keep a tensor alive, so they show what the tape keeps


def tracked_sigmoid(t):
    s = tf.sigmoid(t)
    refs.append(weakref.ref(s))
    return s


@tf.custom_gradient
def swish_tracked(x):
    def grad(upstream):
        s = tf.sigmoid(x)
        return upstream * (s + x * s * (1 - s))

    return x * tracked_sigmoid(x), grad


@tf.custom_gradient
def swish_lean(x):
    def grad(upstream):
        s = tf.sigmoid(x)
        return upstream * (s + x * s * (1 - s))

    x_const = tf.stop_gradient(x)  # the tape does not record ops on an unwatched tensor
    return x_const * tracked_sigmoid(x_const), grad


def kept_alive(fn):
    """Bytes of the forward pass's sigmoid(x) still alive, held for the backward pass."""
    refs.clear()
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = fn(x)
    gc.collect()
    size = sum(r().numpy().nbytes for r in refs if r() is not None)
    tape.gradient(y, x)
    return size


print(f"autodiff keeps sigmoid(x) for backward: {kept_alive(lambda t: t * tracked_sigmoid(t)):,} bytes")
print(f"custom_gradient keeps it too (eager):    {kept_alive(swish_tracked):,} bytes")
print(f"custom_gradient + stop_gradient inside: {kept_alive(swish_lean):,} bytes")
# --8<-- [end:memory]


# --8<-- [start:ste]
@tf.custom_gradient
def round_ste(x):
    """Straight-through estimator: round in the forward pass, identity in the backward pass."""
    return tf.round(x), lambda upstream: upstream


x = tf.constant([0.2, 0.7, 1.4, -1.6])
weights = tf.constant([1.0, 2.0, 3.0, 4.0])
for name, fn in [
    ("tf.round", tf.round),
    ("round_ste", round_ste),
    ("x + stop_gradient(round(x) - x)", lambda t: t + tf.stop_gradient(tf.round(t) - t)),  # no decorator
]:
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = fn(x)
        loss = tf.reduce_sum(y * weights)
    grad = tape.gradient(loss, x)
    print(f"{name:31s} forward {y.numpy().tolist()}  gradient {None if grad is None else grad.numpy().tolist()}")
# --8<-- [end:ste]


# --8<-- [start:qat]
# Why it matters: train weights that are rounded to a grid of 0.25 in the forward pass.
def fit(quantize):
    tf.random.set_seed(0)
    w = tf.Variable(tf.random.normal((8, 1), stddev=0.3))
    x = tf.random.normal((256, 8))
    target = x @ tf.constant([[1.0], [-0.5], [0.25], [0.75], [-1.0], [0.5], [0.0], [1.25]])
    optimizer = tf.keras.optimizers.SGD(learning_rate=0.05)
    for _ in range(200):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((x @ (quantize(w * 4) / 4) - target) ** 2)
        grad = tape.gradient(loss, w)
        if grad is None:  # tf.round has no gradient: nothing to apply
            return float(loss)
        optimizer.apply_gradients([(grad, w)])
    return float(loss)


print(f"quantized weights, tf.round:  final loss {fit(tf.round):.3f}")  # ±0.01 on other CPUs
print(f"quantized weights, round_ste: final loss {fit(round_ste):.3f}")  # ±0.01 on other CPUs
# --8<-- [end:qat]


# --8<-- [start:variables]
scale = tf.Variable(2.0)


@tf.custom_gradient
def scaled(x):
    def grad(upstream):  # missing the `variables` keyword: TensorFlow refuses at call time
        return upstream * scale

    return x * scale, grad


@tf.custom_gradient
def scaled_ok(x):
    def grad(upstream, variables=None):  # returns (input gradients, one gradient per variable)
        return upstream * scale, [tf.reduce_sum(upstream * x)]

    return x * scale, grad


for fn in (scaled, scaled_ok):
    try:
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(fn(tf.constant([1.0, 2.0])))
        print(f"{fn.__name__}: d/d(scale) =", float(tape.gradient(loss, scale)))
    except TypeError as err:
        print(f"{fn.__name__} -> TypeError:", str(err).split(": [")[0])
# --8<-- [end:variables]
