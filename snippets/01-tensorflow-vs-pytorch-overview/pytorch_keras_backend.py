"""The same Keras code, run on the PyTorch backend: the model becomes a torch.nn.Module."""

import os

os.environ["KERAS_BACKEND"] = "torch"  # must be set before keras is imported

import keras  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 4)).astype("float32")
y = x @ np.array([[1.0], [-2.0], [0.5], [3.0]], dtype="float32") + 0.1

# --8<-- [start:keras]
model = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ]
)
print("Keras", keras.__version__.split(".")[0], "backend:", keras.config.backend())
print("model is a torch.nn.Module:", isinstance(model, torch.nn.Module))
kernel = model.layers[0].kernel.value
print("weights are torch.nn.Parameters:", isinstance(kernel, torch.nn.Parameter))
print("parameters (torch count):", sum(p.numel() for p in model.parameters()))

model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss="mse")
history = model.fit(x, y, batch_size=64, epochs=5, verbose=0)
print("loss per step:", [round(v, 3) for v in history.history["loss"]])
# --8<-- [end:keras]
