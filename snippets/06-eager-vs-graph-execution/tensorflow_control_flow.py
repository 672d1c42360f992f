"""Python control flow on tensors inside tf.function: AutoGraph."""

import tensorflow as tf


# --8<-- [start:autograph]
@tf.function
def normalise(x):
    y = tf.sin(x) * 2
    peak = tf.reduce_max(tf.abs(y))
    if peak > 1.0:  # a tensor condition: AutoGraph rewrites this if into tf.cond
        y = y / peak
    return tf.cos(y) + 1


x = tf.random.stateless_normal([8], seed=[0, 0])
graph = normalise.get_concrete_function(x).graph
ops = [op.type for op in graph.get_operations()]
print("one graph, conditional inside:", [t for t in ops if t.endswith("If")])
print("small input (branch not taken):", round(float(tf.reduce_sum(normalise(x * 0.01))), 4))
print("large input (branch taken):   ", round(float(tf.reduce_sum(normalise(x * 10))), 4))
print("traces:", normalise.experimental_get_tracing_count())


# The TensorFlow analogue of .item(): asking for a Python value while tracing fails outright.
@tf.function
def normalise_numpy(x):
    peak = tf.reduce_max(tf.abs(x)).numpy()  # no value exists while tracing
    return x / peak


try:
    normalise_numpy(x)
except AttributeError as err:
    last_line = str(err).strip().splitlines()[-1].strip()  # the message ends with the original error
    print(".numpy() inside tf.function ->", last_line)
# --8<-- [end:autograph]
