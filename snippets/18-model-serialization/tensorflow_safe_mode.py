"""Keras's counterpart of weights_only: load_model refuses to deserialize Python lambdas (safe_mode)."""

import keras
import numpy as np

keras.utils.set_random_seed(0)

# --8<-- [start:safe_mode]
# A Lambda layer stores Python bytecode in the .keras file; loading it could run any code.
model = keras.Sequential([keras.Input((2,)), keras.layers.Lambda(lambda t: t * 2.0), keras.layers.Dense(1)])
model.save("lambda_model.keras")

try:
    keras.models.load_model("lambda_model.keras")  # safe_mode=True by default
except ValueError as err:
    print("load_model ->", type(err).__name__ + ":", str(err).split(". ")[0])

# You trust the file: opt out, as with torch.load(..., weights_only=False).
trusted = keras.models.load_model("lambda_model.keras", safe_mode=False)
x = np.ones((1, 2), "float32")
print("safe_mode=False -> same outputs:", np.array_equal(model.predict(x, verbose=0), trusted.predict(x, verbose=0)))
# --8<-- [end:safe_mode]
