"""The TensorFlow 1 'define, then run' style, and what TensorFlow 2 says about it."""

import tensorflow as tf

# --8<-- [start:legacy]
# TF 1 code: build a placeholder, then feed it in a Session. Under TF 2's eager default it fails.
try:
    x = tf.compat.v1.placeholder(tf.float32, shape=[None])
except RuntimeError as err:
    print("placeholder in eager mode ->", type(err).__name__ + ":", str(err).splitlines()[0])

# Inside an explicit tf.Graph the old style still runs (tf.compat.v1, kept for migration).
graph = tf.Graph()
with graph.as_default():
    x = tf.compat.v1.placeholder(tf.float32, shape=[None], name="x")
    y = x * 2 + 1  # nothing is computed yet: y is a node in the graph
    print("inside the graph, executing eagerly:", tf.executing_eagerly())
    print("y is a", type(y).__name__, "named", y.name, "with no value yet")
with tf.compat.v1.Session(graph=graph) as sess:
    print("session.run:", sess.run(y, feed_dict={x: [1.0, 2.0, 3.0]}).tolist())
print("ops defined:", [op.type for op in graph.get_operations()])
# --8<-- [end:legacy]
