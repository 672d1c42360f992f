"""Eager execution, tf.function tracing and retracing in TensorFlow 2."""

import sys

import tensorflow as tf

# --8<-- [start:eager]
# TensorFlow 2 runs eagerly: each operation executes now and returns a concrete value.
x = tf.constant([1.0, 2.0, 3.0])
y = x * 2 + 1
print("executing eagerly:", tf.executing_eagerly())
print("eager result:", y.numpy().tolist(), "|", type(y).__name__)


# tf.function traces the Python function once into a graph, then runs the graph.
@tf.function
def affine(x):
    print("  tracing affine, x is a", type(x).__name__, "with shape", x.shape)  # Python: trace time only
    tf.print("  running affine", output_stream=sys.stdout)  # a graph op: runs on every call
    return x * 2 + 1


print("first call:")
print(" ", affine(x).numpy().tolist())
print("second call, same shape and dtype:")
print(" ", affine(x).numpy().tolist())
graph = affine.get_concrete_function(x).graph
print("ops in the graph:", [op.type for op in graph.get_operations()])
# --8<-- [end:eager]


# --8<-- [start:retrace]
@tf.function
def scale(x, factor):
    return x * factor


calls = [
    ("ones(2), 2.0", tf.ones([2]), 2.0),
    ("ones(2), 2.0 again", tf.ones([2]), 2.0),  # same signature: reuses the graph
    ("ones(3), 2.0", tf.ones([3]), 2.0),  # new shape: retrace
    ("ones(4), 2.0", tf.ones([4]), 2.0),  # new shape: retrace
    ("ones(4, float64), 2.0", tf.ones([4], tf.float64), 2.0),  # new dtype: retrace
    ("ones(4), 3.0", tf.ones([4]), 3.0),  # a Python number is part of the signature: retrace
    ("ones(4), 4.0", tf.ones([4]), 4.0),  # ... for every new value
    ("ones(4), tensor 4.0", tf.ones([4]), tf.constant(4.0)),  # a tensor: traced by shape and dtype
    ("ones(4), tensor 5.0", tf.ones([4]), tf.constant(5.0)),  # so any value reuses it
]
for label, x_in, factor in calls:
    scale(x_in, factor)
    print(f"  {label:<24} traces so far: {scale.experimental_get_tracing_count()}")


# Fix 1: an input_signature with a None dimension: one graph for every length.
@tf.function(input_signature=[tf.TensorSpec([None], tf.float32), tf.TensorSpec([], tf.float32)])
def scale_sig(x, factor):
    return x * factor


for n in (2, 3, 4):
    scale_sig(tf.ones([n]), tf.constant(2.0))
print("input_signature traces:", scale_sig.experimental_get_tracing_count())
try:
    scale_sig(tf.ones([3], tf.int32), tf.constant(2.0))
except TypeError as err:
    print("wrong dtype ->", type(err).__name__ + ":", str(err).split(" Received")[0])


# Fix 2: reduce_retracing generalises shapes after the first retrace.
@tf.function(reduce_retracing=True)
def scale_relaxed(x):
    return x * 2.0


for n in (2, 3, 4, 5):
    scale_relaxed(tf.ones([n]))
print("reduce_retracing traces:", scale_relaxed.experimental_get_tracing_count())
# --8<-- [end:retrace]
