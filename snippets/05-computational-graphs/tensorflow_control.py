"""Control flow in a TensorFlow graph: AutoGraph turns a Python if on a tensor into a graph op."""

import tensorflow as tf


# --8<-- [start:control]
@tf.function
def double_if_positive(v):
    if tf.reduce_sum(v) > 0:  # a tensor condition: AutoGraph rewrites this if as tf.cond
        return v * 2.0
    return -v


graph = double_if_positive.get_concrete_function(tf.TensorSpec([None], tf.float32)).graph
print("the Python if became:", [op.type for op in graph.get_operations() if "If" in op.type])
f = double_if_positive
print("both branches work:", f(tf.ones(2)).numpy().tolist(), f(-tf.ones(2)).numpy().tolist())
# --8<-- [end:control]
