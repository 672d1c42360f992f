"""Finding where a NaN comes from in TensorFlow: is_finite, check_numerics, enable_check_numerics."""

import keras
import tensorflow as tf

keras.utils.set_random_seed(0)


def r(t):
    return [round(v, 4) for v in t.numpy().tolist()]


# --8<-- [start:tools]
x = tf.constant([-1.0, 0.0, 2.0])
y = tf.math.log(x)  # log(-1) = nan, log(0) = -inf: no error, no warning
print("log(x):", r(y))
print("tf.math.is_finite(log(x)):", tf.math.is_finite(y).numpy().tolist())
# check_numerics passes a finite tensor through and raises on NaN or Inf, with your message:
try:
    tf.debugging.check_numerics(y, message="log(x)")
except tf.errors.InvalidArgumentError as err:
    print("InvalidArgumentError:", err.message.split("}} ")[-1].strip())
# nan_to_num hides the symptom (nan -> 0, +-inf -> the dtype's largest finite value):
print("keras.ops.nan_to_num:", r(keras.ops.nan_to_num(y)))
print("nan_to_num(nan=0.0, neginf=-100.0):", r(keras.ops.nan_to_num(y, nan=0.0, neginf=-100.0)))
# --8<-- [end:tools]

# --8<-- [start:anomaly]
# A finite forward pass can still give a NaN gradient: tf.where masks log(0) = -inf in the
# forward pass, but the gradient multiplies the masked zero by d log(x)/dx = 1/0.
w = tf.Variable([-1.0, 0.0, 2.0])
with tf.GradientTape() as tape:
    out = tf.where(w > 0, tf.math.log(w), tf.zeros_like(w))
print("forward:", r(out))
print("gradient:", r(tape.gradient(out, w)), "<- NaN, and nothing said which op made it")
zero = tf.Variable([0.0, 0.0])
with tf.GradientTape() as tape:
    norm = tf.norm(zero)  # finite forward (0.0), but the gradient is x / norm = 0 / 0
print("gradient of tf.norm at the zero vector:", r(tape.gradient(norm, zero)))

# enable_check_numerics instruments every op (eager and inside tf.function) from now on.
tf.debugging.enable_check_numerics()
try:
    with tf.GradientTape() as tape:
        out = tf.where(w > 0, tf.math.log(w), tf.zeros_like(w))
except tf.errors.InvalidArgumentError as err:
    print("InvalidArgumentError:", next(line for line in err.message.splitlines() if "!!!" in line).strip())


@tf.function
def loss_fn(v):
    hidden = v * 2.0
    return tf.reduce_sum(tf.sqrt(hidden - 1.0))  # sqrt of a negative number inside a graph


try:
    loss_fn(tf.constant([0.0, 3.0]))
except tf.errors.InvalidArgumentError as err:
    print("InvalidArgumentError:", next(line for line in err.message.splitlines() if "!!!" in line).strip())
with tf.GradientTape() as tape:
    norm = tf.norm(zero)
try:
    tape.gradient(norm, zero)  # the backward ops are checked too
except tf.errors.InvalidArgumentError as err:
    print("InvalidArgumentError:", next(line for line in err.message.splitlines() if "!!!" in line).strip())
tf.debugging.disable_check_numerics()

# The fix: keep the unsafe branch's input safe, so both branches are finite.
with tf.GradientTape() as tape:
    safe = tf.where(w > 0, w, tf.ones_like(w))
    out = tf.where(w > 0, tf.math.log(safe), tf.zeros_like(w))
print("gradient with a safe input:", r(tape.gradient(out, w)))
# --8<-- [end:anomaly]
