"""Automatic differentiation in a TensorFlow graph: the gradient is more graph."""

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


# --8<-- [start:backward]
@tf.function
def loss_and_grads(x, t):
    with tf.GradientTape() as tape:
        y = tf.nn.relu(x @ W + b)
        loss = tf.reduce_mean(tf.square(y - t))
    return loss, tape.gradient(loss, [W, b])


backward = loss_and_grads.get_concrete_function(x, t).graph
forward = loss_fn.get_concrete_function(x, t).graph
forward_types = {op.type for op in forward.get_operations()}
print("ops in the forward graph:", len(forward.get_operations()))
print("ops in the forward + backward graph:", len(backward.get_operations()))
added = sorted({op.type for op in backward.get_operations()} - forward_types)
print("op types the gradient added:", ", ".join(added))
loss, (dW, db) = loss_and_grads(x, t)
print("dL/db:", [round(float(v), 4) for v in db])
# --8<-- [end:backward]
