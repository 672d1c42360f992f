"""tf.data builds an input pipeline; tf.function traces Python into graphs (and when it traces again)."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)  # seeds Python, NumPy and TensorFlow in one call

# Tiny data made in code: y = 3*x0 - 2*x1 + 1 plus a little noise.
rng = np.random.default_rng(0)
features = rng.normal(size=(64, 2)).astype("float32")
targets = (features @ np.array([3.0, -2.0], dtype="float32") + 1.0 + 0.1 * rng.normal(size=64)).astype("float32")

# --8<-- [start:data]
AUTOTUNE = tf.data.AUTOTUNE


mean, std = features.mean(axis=0), features.std(axis=0)


def standardize(x, y):
    # Traced into a graph and run by tf.data on its own threads, not in Python.
    return (x - mean) / std, y


dataset = (
    tf.data.Dataset.from_tensor_slices((features, targets))  # one element per row
    .map(standardize, num_parallel_calls=AUTOTUNE)  # parallel, order still deterministic
    .shuffle(buffer_size=64, seed=0)  # reshuffled every epoch, reproducibly
    .batch(16)
    .prefetch(AUTOTUNE)  # prepare the next batch while the model trains on this one
)
print("element_spec:", [f"{s.shape}:{s.dtype.name}" for s in dataset.element_spec])
print("batches per epoch:", dataset.cardinality().numpy())
for epoch in range(2):
    xb, yb = next(iter(dataset))  # a new iterator is a new epoch, with a new order
    print(f"epoch {epoch} batch {tuple(xb.shape)} {xb.dtype.name}, first targets: {[round(float(v), 2) for v in yb[:4]]}")
# --8<-- [end:data]

# --8<-- [start:function]
traces = 0


@tf.function
def scaled_sum(x, scale):
    global traces
    traces += 1  # plain Python runs only while tracing, never when the graph runs
    return tf.reduce_sum(x) * scale


calls = [
    ("float32 (2,), scale=2.0 tensor", tf.constant([1.0, 2.0]), tf.constant(2.0)),
    ("float32 (2,), new values", tf.constant([3.0, 4.0]), tf.constant(5.0)),
    ("float32 (3,), new shape", tf.constant([1.0, 2.0, 3.0]), tf.constant(2.0)),
    ("float32 (7,), another shape", tf.ones([7]), tf.constant(2.0)),
    ("python scale=2", tf.constant([1.0, 2.0]), 2),
    ("python scale=3", tf.constant([1.0, 2.0]), 3),
    ("python scale=2 again", tf.constant([1.0, 2.0]), 2),
]
for label, x, scale in calls:
    result = scaled_sum(x, scale).numpy()
    print(f"{label:32} -> {result:5.1f}  traces so far: {traces}")
print("experimental_get_tracing_count():", scaled_sum.experimental_get_tracing_count())


# A fixed input_signature with a None dimension: one trace for every length.
@tf.function(input_signature=[tf.TensorSpec(shape=[None], dtype=tf.float32)])
def total(x):
    return tf.reduce_sum(x)


@tf.function(reduce_retracing=True)  # or let TensorFlow generalise after a new shape
def relaxed_total(x):
    return tf.reduce_sum(x)


for n in (2, 3, 7):
    total(tf.ones([n]))
    relaxed_total(tf.ones([n]))
print("lengths 2, 3, 7 -> input_signature traces:", total.experimental_get_tracing_count())
print("lengths 2, 3, 7 -> reduce_retracing traces:", relaxed_total.experimental_get_tracing_count())
# --8<-- [end:function]
