"""Keras 3 running on the PyTorch backend: the same Keras code, no TensorFlow in the process."""

import os
import random
import sys

# --8<-- [start:backend]
os.environ["KERAS_BACKEND"] = "torch"  # must be set before keras is imported
import keras  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

# keras.utils.set_random_seed(0) would also import TensorFlow when it is installed (to seed
# tf.data), so this program seeds Python, NumPy and torch itself.
random.seed(0)
np.random.seed(0)
torch.manual_seed(0)
print("keras", keras.__version__, "| backend:", keras.backend.backend())

rng = np.random.default_rng(0)
centers = np.array([[0.0, 0.0], [2.0, 2.0], [0.0, 2.5]])
labels = np.repeat(np.arange(3), 80)
points = (centers[labels] + rng.normal(scale=0.8, size=(240, 2))).astype("float32")

model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(3)])
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
model.fit(points, labels, epochs=20, batch_size=32, verbose=0)
loss, acc = model.evaluate(points, labels, verbose=0)
print(f"params: {model.count_params()} | train accuracy after 20 epochs: {acc:.3f}")

# Under the hood the weights are torch tensors and the layer is a torch.nn.Module.
kernel = model.layers[0].kernel
print("kernel value type:", type(kernel.value).__name__, "| is torch.Tensor:", isinstance(kernel.value, torch.Tensor))
print("Dense layer is an nn.Module:", isinstance(model.layers[0], torch.nn.Module))
print("tensorflow imported in this process:", "tensorflow" in sys.modules)
# --8<-- [end:backend]
