"""The same keras.ops layer on the PyTorch backend: no TensorFlow in the process."""

import os
import random

# --8<-- [start:backend]
os.environ["KERAS_BACKEND"] = "torch"  # before the first `import keras`; fixed from then on
import keras  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from keras import ops  # noqa: E402

# --8<-- [end:backend]

# keras.utils.set_random_seed would import TensorFlow when it is installed (to seed tf.data).
random.seed(0)
np.random.seed(0)
torch.manual_seed(0)


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
print("kernel is a torch.Tensor:", isinstance(layer.kernel.value, torch.Tensor))

# The same seed does not give the same initial weights on another backend: each draws
# random numbers with its own generator.
init = keras.initializers.GlorotUniform(seed=0)
print("GlorotUniform(seed=0) first row:", np.round(ops.convert_to_numpy(init((2, 3)))[0].astype(float), 4).tolist())
# --8<-- [end:run]

# --8<-- [start:module]
# On this backend a Keras layer is a torch.nn.Module: plain PyTorch code can hold it,
# see its weights as parameters, and train it with a torch optimizer.
print("layer is an nn.Module:", isinstance(layer, torch.nn.Module))


class Regressor(torch.nn.Module):
    def __init__(self, block):
        super().__init__()
        self.block = block  # the Keras layer, registered as a submodule
        self.head = torch.nn.Linear(3, 1)

    def forward(self, x):
        return self.head(self.block(x))


net = Regressor(layer)
print("parameters seen by torch:", [tuple(p.shape) for p in net.parameters()])
opt = torch.optim.SGD(net.parameters(), lr=0.1)
loss = net(torch.from_numpy(x)).square().mean()
loss.backward()
before = layer.kernel.value.detach().clone()
opt.step()
print("torch.optim.SGD moved the Keras kernel:", not torch.equal(before, layer.kernel.value.detach()))
# --8<-- [end:module]

# --8<-- [start:train_step]
class BackwardModel(keras.Model):
    """A custom train_step for the PyTorch backend (the Keras guide's pattern): loss.backward()."""

    def train_step(self, data):
        x, y = data
        self.zero_grad()  # torch.nn.Module.zero_grad
        y_pred = self(x, training=True)
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        loss.backward()
        weights = self.trainable_weights
        grads = [w.value.grad for w in weights]
        with torch.no_grad():
            self.optimizer.apply(grads, weights)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
        return {m.name: m.result() for m in self.metrics}


rng = np.random.default_rng(0)
xs = rng.normal(size=(64, 4)).astype("float32")
ys = (xs @ np.array([[1.0], [-2.0], [0.5], [1.5]], "float32")).astype("float32")
inputs = keras.Input((4,))
model = BackwardModel(inputs, keras.layers.Dense(1)(GatedRMSDense(8)(inputs)))
model.compile(optimizer=keras.optimizers.Adam(0.05), loss="mse")
history = model.fit(xs, ys, epochs=30, batch_size=16, verbose=0)
losses = history.history["loss"]
print(f"loss.backward() train_step: loss {losses[0]:.2f} after epoch 1")  # ±3% on other CPUs
print(f"loss.backward() train_step: loss {losses[-1]:.3f} after epoch 30")  # ±0.01 on other CPUs
# --8<-- [end:train_step]
