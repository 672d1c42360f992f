"""Keras 2 code on TensorFlow 2.21: what Keras 3 rejects, and the TF_USE_LEGACY_KERAS switch."""

import importlib.util
import os

# --8<-- [start:legacy]
# Read when tf.keras is first used, so set it before importing TensorFlow.
os.environ["TF_USE_LEGACY_KERAS"] = "1"

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

print("import keras ->", keras.__version__, "(the variable only redirects tf.keras)")
print("tf_keras package installed:", importlib.util.find_spec("tf_keras") is not None)
try:
    tf.keras.layers.Dense(1)
except ImportError as err:
    print("tf.keras.layers.Dense(1) ->", type(err).__name__ + ":", err)
# With `pip install tf_keras` (matching TensorFlow's minor version) the same line builds a
# Keras 2 layer; new code can also `import tf_keras` directly instead of the variable.
# --8<-- [end:legacy]

# --8<-- [start:habits]
model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
x, y = np.zeros((4, 2), "float32"), np.zeros((4,), "float32")

keras2_code = {  # each line ran under Keras 2 (tf.keras up to TensorFlow 2.15)
    "keras.optimizers.Adam(lr=0.01)": lambda: keras.optimizers.Adam(lr=0.01),
    "keras.optimizers.legacy.Adam()": lambda: keras.optimizers.legacy.Adam(),
    "model.fit(x, y, workers=2)": lambda: model.fit(x, y, workers=2, verbose=0),
    'model.save("my_model")': lambda: model.save("my_model"),
}
for code, call in keras2_code.items():
    try:
        call()
        print(f"{code}: still works")
    except Exception as err:  # noqa: BLE001 - each raises a different type; print which
        message = ". ".join(str(err).split(". ")[:2])  # the first two sentences
        print(f"{code}\n  -> {type(err).__name__}: {message}")
# --8<-- [end:habits]
