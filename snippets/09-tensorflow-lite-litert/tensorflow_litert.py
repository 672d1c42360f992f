"""TensorFlow Lite (LiteRT): convert a Keras model, quantize it three ways, run each with LiteRT."""

import contextlib
import io

import keras
import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)

# A small classifier: 64 features -> 10 classes, about 26k weights.
model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10),
    ]
)
x = rng.normal(size=(32, 64)).astype("float32")
expected = model(x).numpy()


def convert(converter):
    # With Keras 3 the converter saves a temporary SavedModel and prints
    # "Saved artifact at '/tmp/...'": keep that path out of the output.
    with contextlib.redirect_stdout(io.StringIO()):
        return converter.convert()


# --8<-- [start:convert]
def representative_data():
    # A few hundred real samples in practice; they set the int8 activation ranges.
    for row in x[:16]:
        yield [row[None, :]]


variants = {}

converter = tf.lite.TFLiteConverter.from_keras_model(model)
variants["float32 (no optimization)"] = convert(converter)

converter = tf.lite.TFLiteConverter.from_keras_model(model)
converter.optimizations = [tf.lite.Optimize.DEFAULT]  # dynamic range: int8 weights
variants["dynamic range (int8 weights)"] = convert(converter)

converter = tf.lite.TFLiteConverter.from_keras_model(model)
converter.optimizations = [tf.lite.Optimize.DEFAULT]
converter.target_spec.supported_types = [tf.float16]  # float16 weights
variants["float16 weights"] = convert(converter)

converter = tf.lite.TFLiteConverter.from_keras_model(model)
converter.optimizations = [tf.lite.Optimize.DEFAULT]
converter.representative_dataset = representative_data  # calibration
converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
converter.inference_input_type = tf.int8  # integer-only model, int8 in and out
converter.inference_output_type = tf.int8
variants["full int8 (calibrated)"] = convert(converter)
# --8<-- [end:convert]


# --8<-- [start:run]
def run_litert(tflite_model, inputs):
    interpreter = Interpreter(model_content=tflite_model)
    inp = interpreter.get_input_details()[0]
    out = interpreter.get_output_details()[0]
    interpreter.resize_tensor_input(inp["index"], inputs.shape)  # batch was None -> 1
    interpreter.allocate_tensors()
    if inp["dtype"] == np.int8:  # quantize the input with the model's own scale
        scale, zero_point = inp["quantization"]
        inputs = np.clip(np.round(inputs / scale + zero_point), -128, 127).astype(np.int8)
    interpreter.set_tensor(inp["index"], inputs)
    interpreter.invoke()
    result = interpreter.get_tensor(out["index"])
    if out["dtype"] == np.int8:  # dequantize the output
        scale, zero_point = out["quantization"]
        result = (result.astype(np.float32) - zero_point) * scale
    return result


print(f"{'variant':<30}{'bytes':>8}{'smaller':>9}{'max |diff|':>12}{'same class':>12}")
baseline = len(variants["float32 (no optimization)"])
for name, tflite_model in variants.items():
    got = run_litert(tflite_model, x)
    diff = np.abs(got - expected).max()
    same = (got.argmax(1) == expected.argmax(1)).mean()
    print(f"{name:<30}{len(tflite_model):>8}{baseline / len(tflite_model):>8.1f}x{diff:>12.4f}{same:>12.0%}")

interpreter = Interpreter(model_content=variants["full int8 (calibrated)"])
inp = interpreter.get_input_details()[0]
scale, zero_point = inp["quantization"]
print("int8 model input:", inp["dtype"].__name__, f"scale={scale:.4f} zero_point={zero_point}")
out = interpreter.get_output_details()[0]
print("int8 model output:", out["dtype"].__name__, "(dequantize with its own scale and zero point)")
# --8<-- [end:run]
