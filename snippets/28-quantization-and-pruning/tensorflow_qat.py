"""Post-training quantization vs quantization-aware training at low bit widths, by hand in Keras."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)

# The synthetic task of question 27, the same data in both tabs.
rng = np.random.default_rng(0)
X = rng.standard_normal((6000, 20)).astype(np.float32)
y = (X[:, 0] * X[:, 1] + np.sin(2 * X[:, 2]) + X[:, 3] ** 2 - 1 + 0.5 * X[:, 4] > 0).astype(np.int64)
x_train, y_train, x_test, y_test = X[:5000], y[:5000], X[5000:], y[5000:]


# --8<-- [start:quantizer]
def fake_quant(w, bits):
    """Symmetric per-output-channel rounding to `bits`-bit integers, returned as floats."""
    qmin, qmax = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    scale = tf.reduce_max(tf.abs(w), axis=0, keepdims=True) / ((qmax - qmin) / 2)  # kernel is (in, out)
    return tf.clip_by_value(tf.round(w / scale), qmin, qmax) * scale


class QuantDense(keras.layers.Dense):
    """A Dense layer whose kernel is fake-quantized in the forward pass when `bits` is set."""

    def __init__(self, units, bits=None, **kwargs):
        super().__init__(units, **kwargs)
        self.bits = bits

    def call(self, inputs):
        kernel = self.kernel
        if self.bits:  # straight-through estimator: forward sees rounded weights, backward sees identity
            kernel = kernel + tf.stop_gradient(fake_quant(kernel, self.bits) - kernel)
        return self.activation(inputs @ kernel + self.bias)


# --8<-- [end:quantizer]


def mlp(bits=None):
    return keras.Sequential(
        [
            keras.Input((20,)),
            QuantDense(64, bits, activation="relu"),
            QuantDense(64, bits, activation="relu"),
            QuantDense(2, bits),
        ]
    )


def accuracy(model):
    return np.mean(model.predict(x_test, verbose=0).argmax(1) == y_test)


def train(model, epochs, lr):
    model.compile(optimizer=keras.optimizers.Adam(lr), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(x_train, y_train, batch_size=256, epochs=epochs, verbose=0)
    return model


model = train(mlp(), 30, 3e-3)
print(f"float32 accuracy: {accuracy(model):.3f}")  # ±0.015 on other CPUs

# --8<-- [start:ptq]
# Post-training quantization of the weights, one scale per output channel, fewer and fewer bits.
for bits in (8, 4, 2):
    ptq = mlp()
    ptq.set_weights([fake_quant(w, bits).numpy() if w.ndim == 2 else w for w in model.get_weights()])
    print(f"PTQ int{bits}: accuracy {accuracy(ptq):.3f}")  # ±0.02 on other CPUs
# --8<-- [end:ptq]

# --8<-- [start:qat]
# Quantization-aware training: the same model with 2-bit fake quantization in the forward pass,
# fine-tuned from the float weights, then really quantized.
qat = mlp(bits=2)
qat.set_weights(model.get_weights())
train(qat, 10, 1e-3)
final = mlp()
final.set_weights([fake_quant(w, 2).numpy() if w.ndim == 2 else w for w in qat.get_weights()])
print(f"QAT int2: accuracy {accuracy(final):.3f}")  # ±0.04 on other CPUs
# --8<-- [end:qat]
