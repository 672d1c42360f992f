"""TensorFlow's deployment exports, run end to end: SavedModel, LiteRT and ONNX."""

import keras
import numpy as np
import onnxruntime as ort
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(8, 4)).astype("float32")
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
expected = model(x).numpy()

# --8<-- [start:server]
# Server: a SavedModel is a graph plus weights; TF Serving loads it with no Python code.
model.export("exported_model", verbose=False)
reloaded = tf.saved_model.load("exported_model")
print("SavedModel signatures:", sorted(reloaded.signatures))
print("SavedModel matches Keras:", np.allclose(reloaded.serve(x), expected, atol=1e-6))
# Serve it with TF Serving (REST on port 8501):
#   docker run -p 8501:8501 -v "$PWD/exported_model:/models/m/1" \
#              -e MODEL_NAME=m tensorflow/serving
# --8<-- [end:server]

# --8<-- [start:portable]
# Phone / embedded: convert the SavedModel to a LiteRT (.tflite) flatbuffer.
tflite_bytes = tf.lite.TFLiteConverter.from_saved_model("exported_model").convert()
print("LiteRT flatbuffer:", len(tflite_bytes), "bytes")
runner = Interpreter(model_content=tflite_bytes).get_signature_runner()  # "serving_default"
(input_name,) = runner.get_input_details()
(litert_out,) = runner(**{input_name: x}).values()
print("LiteRT matches Keras:", np.allclose(litert_out, expected, atol=1e-5))

# Any ONNX runtime: Keras exports ONNX directly.
model.export("model.onnx", format="onnx", verbose=False)
session = ort.InferenceSession("model.onnx")
(onnx_out,) = session.run(None, {session.get_inputs()[0].name: x})
print("ONNX Runtime matches Keras:", np.allclose(onnx_out, expected, atol=1e-5))
# Browser: tensorflowjs_converter --input_format=tf_saved_model exported_model web_model
# --8<-- [end:portable]
