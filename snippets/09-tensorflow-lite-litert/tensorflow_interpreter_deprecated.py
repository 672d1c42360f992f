"""tf.lite.Interpreter is deprecated in favour of the LiteRT interpreter (package ai-edge-litert)."""

import contextlib
import io
import warnings

import keras
import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)])
with contextlib.redirect_stdout(io.StringIO()):  # hide "Saved artifact at '/tmp/...'"
    tflite_model = tf.lite.TFLiteConverter.from_keras_model(model).convert()
x = np.ones((1, 4), dtype=np.float32)


def predict(interpreter):
    interpreter.allocate_tensors()
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], x)
    interpreter.invoke()
    return interpreter.get_tensor(interpreter.get_output_details()[0]["index"])


# --8<-- [start:changed]
# Old: the interpreter bundled with TensorFlow still runs in TF 2.21, and warns.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    old = tf.lite.Interpreter(model_content=tflite_model)
message = " ".join(str(caught[0].message).split())  # the warning spans several lines
print(type(caught[0].message).__name__ + ":", message.split(" See the")[0])

# New: the same API from the standalone LiteRT package (no TensorFlow needed on the device).
new = Interpreter(model_content=tflite_model)
print("same result:", np.array_equal(predict(old), predict(new)))
# --8<-- [end:changed]
