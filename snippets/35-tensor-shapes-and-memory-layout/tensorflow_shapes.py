"""Tensor shapes and memory layout in TensorFlow and Keras: reshape, transpose, broadcasting, einsum, NHWC and data_format."""

import re

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)


def message(error):
    """The first line of a TensorFlow error, without its internal op prefix and colour codes."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(error))
    text = re.sub(r"\{\{function_node [^}]*\}\}\s*", "", text)
    line = next(line for line in text.splitlines() if line.strip() and not line.startswith("Exception encountered"))
    return re.sub(r"\s*name: ?$", "", line.strip())


# --8<-- [start:strides]
x = tf.reshape(tf.range(12.0), (3, 4))
t = tf.transpose(x)  # a new tensor with the data in the new order: TensorFlow has no strides
t_np = t.numpy()
print("tf.transpose(x):", tuple(t.shape), "as NumPy: strides", t_np.strides, "C-contiguous", t_np.flags["C_CONTIGUOUS"])
print("tf.reshape(tf.transpose(x), [12]):", tf.reshape(t, [12])[:4].numpy().tolist())

try:
    tf.reshape(x, (5, -1))
except tf.errors.InvalidArgumentError as error:
    print("tf.reshape(x, (5, -1)) -> InvalidArgumentError:", message(error))

e = tf.broadcast_to(tf.constant([[1.0], [2.0], [3.0]]), (3, 4))  # materialised: 12 values
print("tf.broadcast_to(..., (3, 4)): shape", tuple(e.shape), "NumPy strides", e.numpy().strides)
# --8<-- [end:strides]

# --8<-- [start:broadcast]
a, b = tf.ones((8, 1, 6, 1)), tf.ones((7, 1, 5))
print("(8, 1, 6, 1) + (7, 1, 5) ->", tuple((a + b).shape))
try:
    tf.ones((2, 3)) + tf.ones((2, 4))
except tf.errors.InvalidArgumentError as error:
    print("(2, 3) + (2, 4) -> InvalidArgumentError:", message(error))

pred = tf.constant([0.0, 1.0, 2.0, 3.0])  # shape (4,)
target = tf.reshape(pred, (4, 1))  # the same values, shape (4, 1)
print("(4,) - (4, 1) ->", tuple((pred - target).shape), "(no error)")
print(f"hand-written MSE of equal values: {float(tf.reduce_mean(tf.square(pred - target))):.2f}")
print(f"keras.losses.MeanSquaredError of equal values: {float(keras.losses.MeanSquaredError()(target, pred)):.2f}")
# --8<-- [end:broadcast]

# --8<-- [start:einsum]
q, k = tf.random.normal((2, 5, 8), seed=1), tf.random.normal((2, 7, 8), seed=2)
scores = tf.einsum("bqd,bkd->bqk", q, k)  # every query against every key
same = np.allclose(scores, tf.matmul(q, k, transpose_b=True), atol=1e-5)
print("einsum bqd,bkd->bqk:", tuple(scores.shape), "equals tf.matmul(q, k, transpose_b=True):", same)
print("einsum ii-> (trace):", float(tf.einsum("ii->", tf.eye(4))))
try:
    tf.einsum("ij,jk->ik", tf.ones((2, 3)), tf.ones((4, 5)))
except tf.errors.InvalidArgumentError as error:
    print("einsum ij,jk with j=3 and j=4 -> InvalidArgumentError:", message(error))
# --8<-- [end:einsum]

# --8<-- [start:layout]
print("keras.config.image_data_format():", keras.config.image_data_format())
conv = keras.layers.Conv2D(8, 3)  # kernel (kh, kw, in, out); input (N, H, W, C)
print("output for NHWC (1, 32, 32, 3):", tuple(conv(tf.zeros((1, 32, 32, 3))).shape), "kernel:", tuple(conv.kernel.shape))
nchw = tf.zeros((1, 3, 32, 32))  # an image batch in PyTorch's layout
try:
    conv(nchw)  # the layer is built for 3 channels on the last axis
except ValueError as error:
    print("NCHW into a built Conv2D -> ValueError:", message(error))
print("NCHW into a new Conv2D: no error, output", tuple(keras.layers.Conv2D(8, 3)(nchw).shape), "(read as height 3, width 32, 32 channels)")
print("fixed with tf.transpose(x, [0, 2, 3, 1]):", tuple(conv(tf.transpose(nchw, [0, 2, 3, 1])).shape))
try:
    keras.layers.Conv2D(8, 3, data_format="channels_first")(nchw)
except tf.errors.UnimplementedError as error:
    print("data_format='channels_first' on the CPU -> UnimplementedError:", message(error))
# --8<-- [end:layout]

# --8<-- [start:port]
# The same convolution as the PyTorch program: NumPy makes the weights in PyTorch's layout.
rng = np.random.default_rng(0)
w = rng.normal(size=(4, 3, 3, 3)).astype("float32")  # (out, in, kh, kw)
images = rng.normal(size=(1, 3, 6, 6)).astype("float32")  # NCHW
ported = keras.layers.Conv2D(4, 3, use_bias=False)
ported.build((None, 6, 6, 3))
ported.kernel.assign(np.transpose(w, (2, 3, 1, 0)))  # -> (kh, kw, in, out)
y = tf.transpose(ported(np.transpose(images, (0, 2, 3, 1))), [0, 3, 1, 2])  # NHWC in, back to NCHW
print("ported conv: output", tuple(y.shape), "y[0, :, 0, 0] =", [round(v, 3) for v in y[0, :, 0, 0].numpy().tolist()])
dense = keras.layers.Dense(10)
dense.build((None, 16))
print("keras.layers.Dense(10) on 16 features, kernel:", tuple(dense.kernel.shape), "(in, out)")
# Flattening before a Dense layer: the order of the features differs between the layouts.
feature_map = np.arange(8).reshape(1, 2, 2, 2)  # NHWC: 2 x 2 positions, 2 channels
print("flatten NHWC:", feature_map.reshape(-1).tolist(), " flatten NCHW:", np.transpose(feature_map, (0, 3, 1, 2)).reshape(-1).tolist())
# --8<-- [end:port]

# --8<-- [start:dynamic]
@tf.function(input_signature=[tf.TensorSpec([None, 3])])
def batch_size(x):
    print("traced: x.shape =", x.shape)  # static shape, known while tracing: (None, 3)
    return tf.shape(x)[0]  # dynamic shape, known when it runs


print("tf.shape(x)[0] at run time:", int(batch_size(tf.zeros((5, 3)))))
# --8<-- [end:dynamic]
