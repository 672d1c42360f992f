"""Weights only in Keras 3: save_weights / load_weights, and the .weights.h5 name it requires."""

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


# --8<-- [start:weights]
model = make_model()
model(x, training=True)  # one training-mode pass moves the BatchNormalization moving stats

# Weights only (the state_dict counterpart): variables, trainable and not, no architecture.
print("weights:", [w.path for w in model.weights])
try:
    model.save_weights("model.h5")  # the Keras 2 spelling
except ValueError as err:
    print("save_weights('model.h5') ->", type(err).__name__ + ":", err)
model.save_weights("model.weights.h5")
fresh = make_model()  # loading needs the same architecture, built in code
fresh.load_weights("model.weights.h5")
print("same outputs:", np.array_equal(model.predict(x, verbose=0), fresh.predict(x, verbose=0)))
# --8<-- [end:weights]
