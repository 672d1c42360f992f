"""Saving and loading a Keras 3 model: the .keras file for Keras, model.export for a SavedModel."""

import os
import zipfile

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x = rng.normal(size=(8, 4)).astype("float32")
y = x @ np.array([[1.0], [-2.0], [0.5], [3.0]], dtype="float32")

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x, y, epochs=3, verbose=0)
expected = model.predict(x, verbose=0)


def max_diff(outputs):
    return f"{np.abs(np.asarray(outputs) - expected).max():.1e}"


# --8<-- [start:keras]
# The native Keras format: one zip file with the architecture, the weights and the optimizer.
model.save("model.keras")
restored = keras.models.load_model("model.keras")  # a full Keras model again: fit, evaluate, save
print("model.keras holds:", sorted(zipfile.ZipFile("model.keras").namelist()))
print("reloaded .keras, max |diff|:", max_diff(restored.predict(x, verbose=0)))
print("optimizer state kept:", int(restored.optimizer.iterations) == int(model.optimizer.iterations))
# --8<-- [end:keras]

# --8<-- [start:export]
# A SavedModel for serving: the graph (saved_model.pb) plus the variables, no Python needed.
model.export("exported", verbose=False)
print("exported/ holds:")
for root, _, files in sorted(os.walk("exported")):
    for name in sorted(files):
        print("  ", os.path.relpath(os.path.join(root, name), "exported"))

served = tf.saved_model.load("exported")  # a generic TensorFlow object, not a Keras model
print("signatures:", sorted(served.signatures))
print("serve(x), max |diff|:", max_diff(served.serve(tf.constant(x))))
print("has .fit:", hasattr(served, "fit"))

# Inside Keras 3, wrap the SavedModel as a layer (its weights are tracked, its structure is gone).
layer = keras.layers.TFSMLayer("exported")  # call_endpoint="serve", what model.export wrote
print("TFSMLayer, max |diff|:", max_diff(layer(x)))
print("is a keras.Model:", isinstance(layer, keras.Model), "| weights it tracks:", len(layer.weights))
# The signature clients call over TF Serving returns a dict keyed by output name.
print("serving_default returns:", sorted(served.signatures["serving_default"](tf.constant(x))))
# --8<-- [end:export]
