"""A TensorFlow graph is data: save it as a SavedModel and run it without the Python source."""

import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)  # the PyTorch programs draw the same numbers
x = tf.constant(rng.normal(size=(4, 3)).astype("float32"))
W = tf.Variable(rng.normal(size=(3, 2)).astype("float32"), name="W")
b = tf.Variable(tf.zeros([2]), name="b")
t = tf.ones([4, 2])


@tf.function
def loss_fn(x, t):
    y = tf.nn.relu(x @ W + b)
    return tf.reduce_mean(tf.square(y - t))


# --8<-- [start:export]
graph_def = loss_fn.get_concrete_function(x, t).graph.as_graph_def()  # a protobuf message
print("GraphDef:", len(graph_def.node), "nodes, serialised to", graph_def.ByteSize(), "bytes")
module = tf.Module()
module.W, module.b, module.loss = W, b, loss_fn  # variables + the traced function
tf.saved_model.save(module, "loss_graph")  # serialised graph + weights, no Python source
restored = tf.saved_model.load("loss_graph")
print("loss from the restored graph:", round(float(restored.loss(x, t)), 4))
# --8<-- [end:export]
