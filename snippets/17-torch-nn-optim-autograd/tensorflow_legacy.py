"""TF1 and Keras 2 optimizer spellings that no longer work in TensorFlow 2.21 with Keras 3."""

import keras
import tensorflow as tf

# --8<-- [start:legacy]
# TF1 optimizers lived in tf.train; TF2 moved them to Keras (tf.compat.v1 keeps the old ones).
try:
    tf.train.AdamOptimizer(learning_rate=0.05)
except AttributeError as err:
    print("tf.train.AdamOptimizer ->", type(err).__name__ + ":", err)

# Keras 2's legacy optimizers are gone in Keras 3.
try:
    keras.optimizers.legacy.Adam()
except ImportError as err:
    print("keras.optimizers.legacy ->", type(err).__name__ + ":", str(err).split(". ")[0])

# The `lr` alias was removed: only learning_rate is accepted.
try:
    keras.optimizers.Adam(lr=0.05)
except ValueError as err:
    print("Adam(lr=0.05) ->", type(err).__name__ + ":", err)
print("Adam(learning_rate=0.05) ->", round(float(keras.optimizers.Adam(learning_rate=0.05).learning_rate), 4))
# --8<-- [end:legacy]
