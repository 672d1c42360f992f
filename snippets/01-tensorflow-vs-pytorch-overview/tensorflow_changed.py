"""TensorFlow 1.x graph code (placeholders) fails in TensorFlow 2's default eager mode."""

import tensorflow as tf

# --8<-- [start:changed]
# TensorFlow 1.x style: declare a placeholder, build a graph, run it in a Session.
try:
    tf.compat.v1.placeholder(tf.float32, shape=[None, 4])
except RuntimeError as err:
    print("TF1 placeholder ->", type(err).__name__ + ":", str(err).splitlines()[0])
# --8<-- [end:changed]
