"""Post-training quantization in TensorFlow: the arithmetic, Keras model.quantize, the LiteRT converter."""

import importlib.util
import tempfile

import keras
import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter

keras.utils.set_random_seed(0)

# --8<-- [start:math]
# The arithmetic, on the same 8 numbers in both tabs: real value ~= scale * (q - zero_point).
w = tf.constant(np.random.default_rng(0).standard_normal(8).astype(np.float32))

# Symmetric int8 (weights): zero_point = 0, scale maps the largest |w| to 127.
scale = tf.reduce_max(tf.abs(w)) / 127
q = tf.cast(tf.clip_by_value(tf.round(w / scale), -128, 127), tf.int8)
restored = tf.cast(q, tf.float32) * scale
print("weights:  ", [round(v, 4) for v in w.numpy().tolist()])
print(f"scale {float(scale):.6f} -> int8:", q.numpy().tolist())
print("restored: ", [round(v, 4) for v in restored.numpy().tolist()])
print(f"max error {float(tf.reduce_max(tf.abs(restored - w))):.6f} (at most scale/2 = {float(scale) / 2:.6f})")

# Asymmetric uint8 (activations, calibrated range [-1, 5]): a zero point shifts the grid so
# the 256 levels cover that range (to within a step: the zero point is rounded to an integer),
# and 0.0 stays exactly representable.
lo, hi = -1.0, 5.0
a_scale = (hi - lo) / 255
zero_point = round(-lo / a_scale)
acts = tf.constant([-1.0, 0.0, 1.5, 4.99, 7.0])  # 7.0 is outside the calibrated range: clipped
qa = tf.clip_by_value(tf.round(acts / a_scale) + zero_point, 0, 255)
print(
    f"uint8 scale {a_scale:.5f}, zero point {zero_point}:",
    qa.numpy().astype(int).tolist(),
    "->",
    [round(v, 3) for v in ((qa - zero_point) * a_scale).numpy().tolist()],
)
# --8<-- [end:math]

model = keras.Sequential(
    [
        keras.Input((64,)),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dense(10),
    ]
)
x = np.random.default_rng(1).standard_normal((32, 64)).astype(np.float32)
reference = model(x).numpy()
print(f"float outputs span +-{np.abs(reference).max():.2f}")

# --8<-- [start:tfmot]
# The Keras 2 toolkit (quantize_model, prune_low_magnitude) is not here, and would not work:
# tensorflow-model-optimization requires tf_keras (Keras 2), TensorFlow 2.16+ ships Keras 3.
print("tensorflow_model_optimization installed:", importlib.util.find_spec("tensorflow_model_optimization") is not None)
print("keras", keras.__version__)
# --8<-- [end:tfmot]

# --8<-- [start:keras]
# Keras 3 route (any backend): quantize the model in place. int8 kernels + per-channel scales;
# inputs are quantized on the fly, so the matmul runs in int8 (like torchao's dynamic config).
quantized = keras.models.clone_model(model)
quantized.set_weights(model.get_weights())
quantized.quantize("int8")
dense = quantized.layers[0]
print(
    "mode:",
    dense.quantization_mode,
    "| kernel:",
    dense.kernel.dtype,
    tuple(dense.kernel.shape),
    "| kernel_scale:",
    tuple(dense.kernel_scale.shape),
)
print(f"Keras int8: max output error {np.abs(quantized(x).numpy() - reference).max():.4f}")
# Other modes: quantized.quantize("int4"), "float8", or "gptq" with calibration data.
# --8<-- [end:keras]


def convert(**options):
    with tempfile.TemporaryDirectory() as folder:
        model.export(folder, verbose=False)
        converter = tf.lite.TFLiteConverter.from_saved_model(folder)
        for key, value in options.items():
            setattr(converter, key, value)
        return converter.convert()


def run(flatbuffer):
    interpreter = Interpreter(model_content=flatbuffer, num_threads=1)
    inp, out = interpreter.get_input_details()[0], interpreter.get_output_details()[0]
    interpreter.resize_tensor_input(inp["index"], x.shape)
    interpreter.allocate_tensors()
    data = x
    if inp["dtype"] == np.int8:  # an all-integer model takes quantized input: q = x / scale + zero_point
        in_scale, in_zero = inp["quantization"]
        data = np.clip(np.round(x / in_scale + in_zero), -128, 127).astype(np.int8)
    interpreter.set_tensor(inp["index"], data)
    interpreter.invoke()
    result = interpreter.get_tensor(out["index"])
    if out["dtype"] == np.int8:
        out_scale, out_zero = out["quantization"]
        result = (result.astype(np.float32) - out_zero) * out_scale
    return interpreter, result


# --8<-- [start:litert]
# Deployment route: the LiteRT (TFLite) converter. Optimize.DEFAULT alone quantizes weights
# (dynamic range); a representative dataset calibrates activation ranges for full int8.
def representative_data():
    for row in np.random.default_rng(2).standard_normal((100, 64)).astype(np.float32):
        yield [row[None]]


default = [tf.lite.Optimize.DEFAULT]
variants = {
    "float32": convert(),
    "float16": convert(optimizations=default, target_spec=tf.lite.TargetSpec(supported_types=[tf.float16])),
    "dynamic range int8": convert(optimizations=default),
    "full int8": convert(optimizations=default, representative_dataset=representative_data),
    "full int8, int8 I/O": convert(
        optimizations=default,
        representative_dataset=representative_data,
        target_spec=tf.lite.TargetSpec(supported_ops=[tf.lite.OpsSet.TFLITE_BUILTINS_INT8]),
        inference_input_type=tf.int8,
        inference_output_type=tf.int8,
    ),
}
for name, flatbuffer in variants.items():
    interpreter, result = run(flatbuffer)
    weights = [d for d in interpreter.get_tensor_details() if len(d["shape"]) == 2 and d["shape"][0] == 256]  # (out, in)
    kinds = sorted({d["dtype"].__name__ for d in weights})
    print(f"{name:<20} {len(flatbuffer):>7} bytes  weight dtypes {kinds}  max error {np.abs(result - reference).max():.4f}")
inp = run(variants["full int8, int8 I/O"])[0].get_input_details()[0]
in_scale, in_zero = inp["quantization"]
print(f"int8 input: scale {in_scale:.5f}, zero point {in_zero}")
# --8<-- [end:litert]
