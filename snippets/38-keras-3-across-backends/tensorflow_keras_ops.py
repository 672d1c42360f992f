"""A custom layer written with keras.ops, run on the TensorFlow backend (the default)."""

import keras
import numpy as np
import tensorflow as tf
from keras import ops

keras.utils.set_random_seed(0)


# --8<-- [start:layer]
class GatedRMSDense(keras.layers.Layer):
    """A gated linear unit followed by RMS normalisation, written only with keras.ops."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        d = input_shape[-1]
        self.kernel = self.add_weight(shape=(d, 2 * self.units), initializer="glorot_uniform", name="kernel")
        self.bias = self.add_weight(shape=(2 * self.units,), initializer="zeros", name="bias")
        self.scale = self.add_weight(shape=(self.units,), initializer="ones", name="scale")

    def call(self, x):
        h = ops.matmul(x, self.kernel) + self.bias
        value, gate = ops.split(h, 2, axis=-1)
        y = value * ops.sigmoid(gate)
        rms = ops.sqrt(ops.mean(ops.square(y), axis=-1, keepdims=True) + 1e-6)
        return self.scale * y / rms

    def get_config(self):
        return {**super().get_config(), "units": self.units}


# --8<-- [end:layer]

# --8<-- [start:run]
# No os.environ line needed: KERAS_BACKEND=tensorflow is the default.
print("keras", keras.__version__, "| backend:", keras.backend.backend())
layer = GatedRMSDense(3)
layer.build((None, 4))
# Fixed weights (not the seeded initializer) so both backends compute with the same numbers.
layer.set_weights([
    np.linspace(-1.0, 1.0, 24, dtype="float32").reshape(4, 6),
    np.linspace(-0.1, 0.1, 6, dtype="float32"),
    np.array([1.0, 2.0, 0.5], "float32"),
])
x = np.array([[1.0, 2.0, 3.0, 4.0], [0.5, -1.0, 0.0, 2.0]], "float32")
y = layer(x)
print("output:", np.round(ops.convert_to_numpy(y).astype(float), 4).tolist())
print("output type:", type(y).__name__)
print("kernel:", type(layer.kernel).__name__, "wrapping", type(layer.kernel.value).__name__)
print("kernel is a tf.Variable:", isinstance(layer.kernel.value, tf.Variable))

# The same seed does not give the same initial weights on another backend: each draws
# random numbers with its own generator.
init = keras.initializers.GlorotUniform(seed=0)
print("GlorotUniform(seed=0) first row:", np.round(ops.convert_to_numpy(init((2, 3)))[0].astype(float), 4).tolist())
# --8<-- [end:run]

# --8<-- [start:train_step]
class TapeModel(keras.Model):
    """A custom train_step for the TensorFlow backend: tf.GradientTape records the forward pass."""

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        grads = tape.gradient(loss, self.trainable_weights)
        self.optimizer.apply(grads, self.trainable_weights)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
        return {m.name: m.result() for m in self.metrics}


rng = np.random.default_rng(0)
xs = rng.normal(size=(64, 4)).astype("float32")
ys = (xs @ np.array([[1.0], [-2.0], [0.5], [1.5]], "float32")).astype("float32")
inputs = keras.Input((4,))
model = TapeModel(inputs, keras.layers.Dense(1)(GatedRMSDense(8)(inputs)))
model.compile(optimizer=keras.optimizers.Adam(0.05), loss="mse")
history = model.fit(xs, ys, epochs=30, batch_size=16, verbose=0)
losses = history.history["loss"]
print(f"GradientTape train_step: loss {losses[0]:.2f} after epoch 1")  # ±3% on other CPUs
print(f"GradientTape train_step: loss {losses[-1]:.3f} after epoch 30")  # ±0.01 on other CPUs
# --8<-- [end:train_step]

# --8<-- [start:torch_step]
class TorchStyleModel(keras.Model):
    """The train_step from the Keras PyTorch guide, run on the TensorFlow backend."""

    def train_step(self, data):
        x, y = data
        y_pred = self(x, training=True)
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        loss.backward()  # a torch.Tensor method; a tf.Tensor has none
        return {"loss": loss}


inputs = keras.Input((4,))
broken = TorchStyleModel(inputs, keras.layers.Dense(1)(inputs))
broken.compile(optimizer="sgd", loss="mse")
try:
    broken.fit(xs, ys, epochs=1, verbose=0)
except AttributeError as e:
    print("torch-style train_step on TensorFlow:", type(e).__name__ + ":", e)
# --8<-- [end:torch_step]

# --8<-- [start:changed]
# Keras 2 code wrote backend-neutral math with keras.backend (K.mean, K.square, ...).
# Keras 3 moved all of it to keras.ops; keras.backend keeps only configuration helpers.
from keras import backend as K  # noqa: E402

try:
    K.mean(x, axis=-1)
except AttributeError as e:
    print("Keras 2 K.mean:", type(e).__name__ + ":", e)
print("Keras 3 keras.ops.mean:", np.round(ops.convert_to_numpy(ops.mean(x, axis=-1)).astype(float), 4).tolist())
# --8<-- [end:changed]
