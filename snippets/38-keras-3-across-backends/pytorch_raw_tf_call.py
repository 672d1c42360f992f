"""What does not port: layers that call tf.* directly, run on the PyTorch backend.

The one program on this page with TensorFlow and PyTorch in one process: the failure only
exists when a TensorFlow-era layer meets the torch backend, so it needs both installed.
"""

import os
import random
import re
import warnings

os.environ["KERAS_BACKEND"] = "torch"
import keras  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from keras import ops  # noqa: E402

random.seed(0)
np.random.seed(0)
torch.manual_seed(0)

# --8<-- [start:raw_tf]
import tensorflow as tf  # noqa: E402  (imported only to show the failure)


class HalfPorted(keras.layers.Layer):
    """keras.ops for the matmul, but a leftover tf.* call for the activation."""

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 3), initializer="ones", name="kernel")

    def call(self, x):
        return tf.nn.softplus(ops.matmul(x, self.kernel))


class TFOnly(keras.layers.Layer):
    """Written for tf.keras: every call is tf.*."""

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 3), initializer="ones", name="kernel")

    def call(self, x):
        return tf.nn.softplus(tf.matmul(x, self.kernel))


print("backend:", keras.backend.backend())
x = np.ones((8, 4), "float32")
try:
    HalfPorted()(x)
except RuntimeError as e:
    message = re.sub(r"\x1b\[[0-9;]*m", "", str(e))  # Keras adds bold escape codes
    print("tf.* on a torch tensor:", type(e).__name__ + ":", message.splitlines()[2])

# Worse: when every op is tf.*, TensorFlow converts the inputs through NumPy and returns a
# TensorFlow tensor. Nothing raises, but autograd never sees the layer, so fit() trains
# everything except it (Keras only warns: "Gradients do not exist for variables").
tf_layer = TFOnly()
inputs = keras.Input((4,))
model = keras.Model(inputs, keras.layers.Dense(1)(tf_layer(inputs)))
model.compile(optimizer="sgd", loss="mse")
print("TFOnly output type:", type(tf_layer(x)).__module__ + "." + type(tf_layer(x)).__name__)
tf_kernel, dense_kernel = (ops.convert_to_numpy(v).copy() for v in (tf_layer.kernel, model.layers[-1].kernel))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    model.fit(x, np.zeros((8, 1), "float32"), epochs=3, verbose=0)
grad_warnings = [str(w.message).split(" when ")[0] for w in caught if "Gradients do not exist" in str(w.message)]
print("fit() raised nothing; UserWarning:", grad_warnings[0])
print("after fit, TFOnly kernel changed:", not np.array_equal(tf_kernel, ops.convert_to_numpy(tf_layer.kernel)))
print("after fit, Dense kernel changed: ", not np.array_equal(dense_kernel, ops.convert_to_numpy(model.layers[-1].kernel)))
# --8<-- [end:raw_tf]
