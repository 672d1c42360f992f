"""Tensors in TensorFlow compared with NumPy arrays."""

import keras
import numpy as np
import tensorflow as tf

# --8<-- [start:basics]
array = np.array([[1.0, 2.0], [3.0, 4.0]])  # NumPy defaults to float64
tensor = tf.constant([[1.0, 2.0], [3.0, 4.0]])  # TensorFlow defaults to float32
from_array = tf.convert_to_tensor(array)  # keeps the array's float64

print("numpy dtype:      ", array.dtype)
print("tf.constant dtype:", tensor.dtype.name)
print("from numpy dtype: ", from_array.dtype.name)
print("device:           ", tensor.device.split("/")[-1])

# Same broadcasting rules and many of the same operations.
print("tensor * [10, 100] ->", (tensor * [10.0, 100.0]).numpy().tolist())
print("back to NumPy:", type(tensor.numpy()).__name__, np.asarray(tensor).shape)
# --8<-- [end:basics]

# --8<-- [start:differences]
# 1. A tf.Tensor is immutable; state that changes lives in a tf.Variable.
try:
    tensor[0, 0] = 10.0
except TypeError as err:
    print("assign into tf.Tensor ->", type(err).__name__ + ":", err)
weights = tf.Variable(tensor)
weights[0, 0].assign(10.0)
print("tf.Variable after assign:", weights.numpy().tolist())

# 2. No implicit type promotion: int32 + float32 is an error, not a float result.
try:
    tf.constant([1, 2]) + tf.constant([0.5, 0.5])
except tf.errors.InvalidArgumentError as err:
    print("int32 + float32 ->", type(err).__name__ + ":", err.message.split(" [Op")[0])
print("NumPy promotes instead:", (np.array([1, 2]) + np.array([0.5, 0.5])).dtype)
# Keras layers cast their inputs to the layer's compute dtype; raw TF ops do not.
dense = keras.layers.Dense(1)
print("Dense(float64 input) ->", dense(np.array([[1.0, 2.0]])).dtype.name, "| compute dtype:", dense.compute_dtype)
try:
    tf.matmul(tf.constant([[1.0, 2.0]], tf.float64), dense.kernel)
except tf.errors.InvalidArgumentError as err:
    print("tf.matmul(float64, float32) ->", type(err).__name__ + ":", err.message.split(" [Op")[0])

# 3. Tensors take part in automatic differentiation; NumPy arrays do not.
x = tf.Variable(3.0)
with tf.GradientTape() as tape:
    y = x**2
print("dy/dx at x=3:", tape.gradient(y, x).numpy())
# --8<-- [end:differences]

# --8<-- [start:changed]
# NumPy 2 (NEP 50): a Python float no longer upcasts a float32 scalar to float64.
print("numpy", np.__version__.split(".")[0] + ".x:", "np.float32(3) + 3.0 ->", (np.float32(3) + 3.0).dtype)
print("tensorflow:", "tf.constant(3.0) + 3.0 ->", (tf.constant(3.0) + 3.0).dtype.name)
# --8<-- [end:changed]
