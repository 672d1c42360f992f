"""A real TensorFlow graph: the operations of a traced tf.function."""

import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)  # the PyTorch programs draw the same numbers
x = tf.constant(rng.normal(size=(4, 3)).astype("float32"))
W = tf.Variable(rng.normal(size=(3, 2)).astype("float32"), name="W")
b = tf.Variable(tf.zeros([2]), name="b")
t = tf.ones([4, 2])


# --8<-- [start:forward]
@tf.function
def loss_fn(x, t):
    y = tf.nn.relu(x @ W + b)
    return tf.reduce_mean(tf.square(y - t))


# Tracing with an input signature gives a ConcreteFunction that owns a tf.Graph.
spec_x, spec_t = tf.TensorSpec([None, 3], tf.float32), tf.TensorSpec([None, 2], tf.float32)
concrete = loss_fn.get_concrete_function(spec_x, spec_t)
for op in concrete.graph.get_operations():
    print(f"{op.name} = {op.type}({', '.join(i.op.name for i in op.inputs)})")
print("loss:", round(float(loss_fn(x, t)), 4))
# --8<-- [end:forward]
