"""A .keras file: architecture (as config), weights and optimizer state in one zip archive."""

import zipfile

import keras
import numpy as np

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(5, 4)).astype("float32")


def make_model():
    return keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(8, name="hidden"),
            keras.layers.BatchNormalization(name="norm"),  # has non-trainable moving stats
            keras.layers.ReLU(),
            keras.layers.Dense(2, name="out"),
        ]
    )


# --8<-- [start:keras_file]
model = make_model()
model.compile(optimizer="adam", loss="mse")
model.fit(x, np.zeros((5, 2), "float32"), epochs=1, verbose=0)  # moves weights and BN stats

# Whole model: architecture (as JSON config), weights and compile state in one zip file.
model.save("model.keras")
print("inside model.keras:", sorted(zipfile.ZipFile("model.keras").namelist()))
restored = keras.models.load_model("model.keras")  # no Python class needed for built-in layers
print("same outputs:", np.array_equal(model.predict(x, verbose=0), restored.predict(x, verbose=0)))
print("optimizer restored too:", type(restored.optimizer).__name__, "after", int(restored.optimizer.iterations), "step")
# --8<-- [end:keras_file]
