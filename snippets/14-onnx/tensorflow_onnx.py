"""TensorFlow to ONNX: two exports that work with Keras 3, checked with ONNX Runtime."""

import keras
import numpy as np
import onnx
import onnxruntime as ort
import tensorflow as tf
import tf2onnx

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(8,), name="features"),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dropout(0.5),  # active in training only: the exported graph drops it
        keras.layers.Dense(3, activation="softmax"),
    ]
)
x = np.random.default_rng(0).normal(size=(4, 8)).astype("float32")
expected = model(x).numpy()


# --8<-- [start:export]
# Keras 3 exports ONNX itself (on the TensorFlow backend it drives tf2onnx for you).
model.export("model.onnx", format="onnx", verbose=False)

session = ort.InferenceSession("model.onnx", providers=["CPUExecutionProvider"])
inputs = {session.get_inputs()[0].name: x}
onnx_out = session.run(None, inputs)[0]
print("inputs:", [(i.name, i.shape) for i in session.get_inputs()])
print("max |ONNX Runtime - Keras|:", f"{np.abs(onnx_out - expected).max():.6f}")

graph = onnx.load("model.onnx")
print("producer:", graph.producer_name, "| opset:", graph.opset_import[0].version)
print("operators:", [node.op_type for node in graph.graph.node])  # no Dropout, no optimizer
# --8<-- [end:export]

# --8<-- [start:function]
# tf2onnx's lower-level entry point: a tf.function with an explicit input signature.
spec = (tf.TensorSpec((None, 8), tf.float32, name="features"),)


@tf.function(input_signature=spec)
def serve(features):
    return model(features, training=False)


proto, _ = tf2onnx.convert.from_function(serve, input_signature=spec, opset=17)
session = ort.InferenceSession(proto.SerializeToString(), providers=["CPUExecutionProvider"])
onnx_out = session.run(None, {"features": x})[0]
print("from_function, opset 17: max |diff| =", f"{np.abs(onnx_out - expected).max():.6f}")

# The None in the signature is a symbolic batch dimension: another batch size runs too.
bigger = np.random.default_rng(1).normal(size=(10, 8)).astype("float32")
onnx_out = session.run(None, {"features": bigger})[0]
print("batch of 10: max |diff| =", f"{np.abs(onnx_out - model(bigger).numpy()).max():.6f}")
# --8<-- [end:function]
