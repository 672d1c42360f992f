"""The seed's recipe, tf2onnx.convert.from_keras, fails on a Keras 3 model."""

import re

import keras
import tf2onnx

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(3)])

# --8<-- [start:changed]
print("tf2onnx", tf2onnx.__version__, "| keras", keras.__version__)
try:
    tf2onnx.convert.from_keras(model)  # the seed answer's one-liner
except KeyError as err:
    message = re.sub(r"_\d+'", "_<n>'", str(err))  # the Keras tensor name carries a counter
    print("tf2onnx.convert.from_keras ->", type(err).__name__ + ":", message)
# Works instead: model.export("model.onnx", format="onnx"), or
# tf2onnx.convert.from_function(tf_function, input_signature=...), as shown above.
# --8<-- [end:changed]
