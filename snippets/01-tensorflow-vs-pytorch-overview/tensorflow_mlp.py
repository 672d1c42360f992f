"""A tiny MLP in TensorFlow (Keras 3): define it, run it, count it, train it."""

import keras
import numpy as np

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 4)).astype("float32")  # 64 made-up samples, 4 features
y = x @ np.array([[1.0], [-2.0], [0.5], [3.0]], dtype="float32") + 0.1  # a linear target

# --8<-- [start:model]
model = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ]
)
out = model(x[:2])  # eager: runs now, returns a tensor
print("forward pass:", type(out).__name__, tuple(out.shape))
print("parameters:", model.count_params())
print("bias starts at zero:", bool(np.all(model.layers[0].bias.numpy() == 0)))

model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss="mse")
history = model.fit(x, y, batch_size=64, epochs=5, verbose=0)  # 1 step per epoch
print("loss per step:", [round(v, 3) for v in history.history["loss"]])
# --8<-- [end:model]
