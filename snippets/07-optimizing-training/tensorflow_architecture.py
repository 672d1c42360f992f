"""Batch normalization, dropout and residual connections in Keras."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)

# --8<-- [start:batchnorm]
x = rng.normal(loc=5.0, scale=3.0, size=(256, 64)).astype("float32")  # badly scaled features


def activation_stds(use_bn):  # ten linear layers with too-large weights (std 1, not ~1/sqrt(64))
    h, stds = x, []
    for i in range(10):
        h = keras.layers.Dense(64, kernel_initializer=keras.initializers.RandomNormal(stddev=1.0, seed=i))(h)
        if use_bn:
            h = keras.layers.BatchNormalization()(h, training=True)  # normalise with this batch's stats
        stds.append(float(np.std(h)))
    return [f"{stds[i]:.3g}" for i in (0, 4, 9)]


print("activation std after layers 1, 5, 10, without BatchNormalization:", activation_stds(False))
print("activation std after layers 1, 5, 10, with BatchNormalization:   ", activation_stds(True))

bn = keras.layers.BatchNormalization()
print("Keras defaults: momentum", bn.momentum, "| epsilon", bn.epsilon)
out = bn(x, training=True)
print(f"after one training batch: moving_mean[0] = {float(bn.moving_mean[0]):.4f} (batch mean {x[:, 0].mean():.4f})")
out = bn(x, training=False)  # inference uses the moving averages, which have barely moved
print(f"inference output mean: {float(tf.reduce_mean(out)):.3f} (not 0 yet: the averages need many batches)")
# --8<-- [end:batchnorm]

# --8<-- [start:dropout]
dropout = keras.layers.Dropout(0.5, seed=0)
ones = np.ones((1, 10), dtype="float32")
print("training: ", np.asarray(dropout(ones, training=True)).tolist()[0])  # zeros, survivors scaled by 2
print("inference:", np.asarray(dropout(ones, training=False)).tolist()[0])  # unchanged
# fit() and evaluate()/predict() set training for you; a custom loop passes training=True itself.
# --8<-- [end:dropout]

# --8<-- [start:residual]
inputs = keras.Input((32,))
plain, residual = inputs, inputs
for _ in range(30):
    plain = keras.layers.Dense(32, activation="sigmoid")(plain)  # sigmoid' <= 0.25 at every layer
    residual = keras.layers.Add()([residual, keras.layers.Dense(32, activation="sigmoid")(residual)])  # x + f(x)
data = rng.normal(size=(64, 32)).astype("float32")
for name, output in (("plain", plain), ("residual", residual)):
    model = keras.Model(inputs, output)
    kernels = [layer.kernel for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(model(data) ** 2)
    grads = tape.gradient(loss, kernels)
    # The largest entry, not the norm: squaring entries this small underflows float32 to 0.
    largest = [float(tf.reduce_max(tf.abs(g))) for g in (grads[-1], grads[0])]
    print(f"{name:8s} largest |gradient| at layer 30: {largest[0]:.2e}, at layer 1: {largest[1]:.2e}")
# --8<-- [end:residual]
