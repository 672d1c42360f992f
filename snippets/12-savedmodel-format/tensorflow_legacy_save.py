"""The seed's SavedModel round trip, run under Keras 3: both lines now raise."""

import os

import keras

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")

# --8<-- [start:seed]
# 1. Saving to a path without an extension used to write a SavedModel directory.
try:
    model.save("saved_model")
except ValueError as err:
    print("model.save('saved_model') ->", type(err).__name__ + ":", str(err).splitlines()[0])

# 2. Loading a real SavedModel directory (written here by model.export) with load_model.
model.export("saved_model", verbose=False)
print("saved_model/ exists:", os.path.isdir("saved_model"))
try:
    keras.models.load_model("saved_model")
except ValueError as err:
    print("load_model('saved_model') ->", type(err).__name__ + ":", str(err).splitlines()[0])
# --8<-- [end:seed]
