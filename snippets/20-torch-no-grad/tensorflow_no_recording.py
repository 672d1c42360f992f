"""TensorFlow's nearest equivalents of torch.no_grad(): no tape, tape.stop_recording, stop_gradient."""

import time

import keras
import tensorflow as tf

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input((256,)),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dense(10),
    ]
)
batch = tf.random.normal((64, 256), seed=0)

# --8<-- [start:measure]
# TensorFlow records nothing unless a GradientTape is open: plain calls are already "no_grad".
with tf.GradientTape() as tape:
    out = model(batch)
print("inside a tape:  gradients exist =", all(g is not None for g in tape.gradient(out, model.trainable_variables)))

out = model(batch)  # no tape: nothing is recorded, no memory is kept for backward
print("outside a tape: nothing recorded; output is a plain", type(out).__name__)


def best_of(fn, repeat=30):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def with_tape():
    with tf.GradientTape():
        tf.reduce_sum(model(batch))


def without_tape():
    tf.reduce_sum(model(batch))


ratio = best_of(with_tape) / best_of(without_tape)
print(f"forward pass, tape / no tape time: {ratio:.2f}x [sample]")
# --8<-- [end:measure]

# --8<-- [start:inference]
# Inference: call with training=False (Dropout and BatchNorm in inference mode), or predict().
dropout = keras.layers.Dropout(0.5, seed=0)
ones = tf.ones(1000)
print("Dropout, training=True zeros: ", int(tf.reduce_sum(tf.cast(dropout(ones, training=True) == 0, tf.int32))))
print("Dropout, training=False zeros:", int(tf.reduce_sum(tf.cast(dropout(ones, training=False) == 0, tf.int32))))
print("predict() output shape:", model.predict(batch, verbose=0).shape)
# --8<-- [end:inference]

# --8<-- [start:update]
# Inside a tape, stop_recording() pauses it: the closest match to a no_grad block.
w = tf.Variable([1.0, -2.0])
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(w**2)
    with tape.stop_recording():
        not_recorded = tf.reduce_sum(w**3)  # computed, but invisible to the tape
print("gradient of the recorded loss:", tape.gradient(loss, w).numpy().tolist())
with tf.GradientTape() as tape:
    with tape.stop_recording():
        not_recorded = tf.reduce_sum(w**3)
print("gradient through stop_recording:", tape.gradient(not_recorded, w))

# Updating a variable never records anything: assign_sub is the hand-written SGD step.
w.assign_sub(0.1 * tf.constant([2.0, -4.0]))
print("after manual step:", [round(v, 4) for v in w.numpy().tolist()])
# --8<-- [end:update]
