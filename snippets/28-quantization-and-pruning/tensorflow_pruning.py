"""Pruning in Keras 3, by hand with masks: what it does to the weights, the size and the speed."""

import os
import tempfile
import time
import zlib

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)

# The synthetic task of question 27, the same data in both tabs.
rng = np.random.default_rng(0)
X = rng.standard_normal((6000, 20)).astype(np.float32)
y = (X[:, 0] * X[:, 1] + np.sin(2 * X[:, 2]) + X[:, 3] ** 2 - 1 + 0.5 * X[:, 4] > 0).astype(np.int64)
x_train, y_train, x_test, y_test = X[:5000], y[:5000], X[5000:], y[5000:]


def mlp(hidden=256):
    return keras.Sequential(
        [
            keras.Input((20,)),
            keras.layers.Dense(hidden, activation="relu"),
            keras.layers.Dense(256, activation="relu"),
            keras.layers.Dense(2),
        ]
    )


def train(model, epochs, lr, callbacks=()):
    model.compile(optimizer=keras.optimizers.Adam(lr), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(x_train, y_train, batch_size=256, epochs=epochs, verbose=0, callbacks=list(callbacks))
    return model


def accuracy(model):
    return np.mean(model.predict(x_test, verbose=0).argmax(1) == y_test)


def weight_bytes(model):
    """Raw bytes of all weights, and after zlib."""
    data = b"".join(w.tobytes() for w in model.get_weights())
    return len(data), len(zlib.compress(data, 9))


def h5_file_bytes(model):
    plain = mlp()  # a fresh, uncompiled copy: no optimizer state in the file
    plain.set_weights(model.get_weights())
    with tempfile.TemporaryDirectory() as folder:
        plain.save_weights(os.path.join(folder, "m.weights.h5"))
        return os.path.getsize(os.path.join(folder, "m.weights.h5"))


def best_ms(fn, repeats=20):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn().numpy()
        times.append(time.perf_counter() - start)
    return 1e3 * min(times)


model = train(mlp(), 30, 3e-3)
dense_raw, dense_zlib = weight_bytes(model)
print(  # ±0.5% on other CPUs
    f"dense: accuracy {accuracy(model):.3f}, {dense_raw} weight bytes, {dense_zlib} after zlib, weights file {h5_file_bytes(model)} bytes"
)

# --8<-- [start:mask]
# Unstructured magnitude pruning: zero the 90% of each kernel with the smallest |w|, keep a mask.
pruned = keras.models.clone_model(model)
pruned.set_weights(model.get_weights())
kernels = [layer.kernel for layer in pruned.layers]
masks = [tf.cast(tf.abs(k) > np.quantile(np.abs(k.numpy()), 0.9), k.dtype) for k in kernels]


def apply_masks(*_, **__):
    for kernel, mask in zip(kernels, masks):
        kernel.assign(kernel * mask)


apply_masks()
hidden = kernels[1]
print(f"sparsity {float(tf.reduce_mean(tf.cast(hidden == 0, tf.float32))):.1%} | accuracy right after pruning {accuracy(pruned):.3f}")  # ±0.03 on other CPUs

# Fine-tune; re-applying the mask after every step keeps pruned weights at exactly zero
# (tfmot's prune_low_magnitude did this for Keras 2, plus a sparsity schedule).
train(pruned, 15, 1e-3, callbacks=[keras.callbacks.LambdaCallback(on_train_batch_end=apply_masks)])
print(
    f"after fine-tuning: accuracy {accuracy(pruned):.3f}, zeros kept: {int(tf.reduce_sum(tf.cast(hidden == 0, tf.int32)))} of {int(tf.size(hidden))}"
)
raw, packed = weight_bytes(pruned)
print(f"pruned: {raw} weight bytes (dense storage: no smaller), {packed} after zlib ({dense_zlib / packed:.1f}x smaller)")  # ±2.5% on other CPUs
print(f"weights file {h5_file_bytes(pruned)} bytes (HDF5 stores the dense arrays as they are)")
# --8<-- [end:mask]

# --8<-- [start:sparse]
# Sparse storage keeps only non-zeros plus their positions; sparse kernels skip the zeros.
dense_weight = tf.random.normal((2048, 2048), seed=0)
weight = tf.where(tf.abs(dense_weight) > np.quantile(np.abs(dense_weight.numpy()), 0.9), dense_weight, 0.0)
coo = tf.sparse.from_dense(weight)
coo_bytes = coo.values.numpy().nbytes + coo.indices.numpy().nbytes
print(f"2048x2048 at 90% zeros: dense {weight.numpy().nbytes} bytes, COO {coo_bytes} bytes (int64 row+column per value)")

inputs = tf.random.normal((2048, 64), seed=1)
print("sparse result == dense result:", np.allclose(tf.sparse.sparse_dense_matmul(coo, inputs), weight @ inputs, atol=1e-3))
print(f"matmul, unpruned dense: {best_ms(lambda: dense_weight @ inputs):.2f} ms  [sample]")
print(f"matmul, pruned dense:   {best_ms(lambda: weight @ inputs):.2f} ms  [sample]")
print(f"matmul, pruned sparse:  {best_ms(lambda: tf.sparse.sparse_dense_matmul(coo, inputs)):.2f} ms  [sample]")
# --8<-- [end:sparse]

# --8<-- [start:structured]
# Structured pruning removes whole neurons: the layer really gets smaller, and faster.
kernel, bias = model.layers[0].get_weights()  # kernel is (in, out): a neuron is a column
keep = np.sort(np.argsort(np.linalg.norm(kernel, axis=0))[128:])  # the 128 columns with largest L2 norm
next_kernel, next_bias = model.layers[1].get_weights()
slim = mlp(hidden=128)
slim.layers[0].set_weights([kernel[:, keep], bias[keep]])
slim.layers[1].set_weights([next_kernel[keep], next_bias])
slim.layers[2].set_weights(model.layers[2].get_weights())
print(
    "first layer:",
    kernel.shape,
    "->",
    tuple(slim.layers[0].kernel.shape),
    "| second:",
    next_kernel.shape,
    "->",
    tuple(slim.layers[1].kernel.shape),
)
print(f"accuracy after removing half the neurons {accuracy(slim):.3f}, after fine-tuning {accuracy(train(slim, 15, 1e-3)):.3f}")  # ±0.02 on other CPUs
rows = tf.constant(x_test)
full_fn, slim_fn = tf.function(model), tf.function(slim)
print(f"forward, 1000 rows: full {best_ms(lambda: full_fn(rows)):.2f} ms, slim {best_ms(lambda: slim_fn(rows)):.2f} ms  [sample]")
# --8<-- [end:structured]
