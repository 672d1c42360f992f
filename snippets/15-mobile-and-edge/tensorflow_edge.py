"""The smallest TensorFlow edge flow: Keras -> .tflite -> LiteRT, and what runs it on the CPU."""

import contextlib
import os
import re
import sys
import tempfile

import keras
import numpy as np
from ai_edge_litert.compiled_model import CompiledModel
from ai_edge_litert.hardware_accelerator import HardwareAccelerator
from ai_edge_litert.interpreter import Interpreter

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(1, 4)).astype("float32")


@contextlib.contextmanager
def native_log(lines):
    """Collect the XNNPACK lines the C++ runtime writes to stderr (file descriptor 2)."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as tmp:
        os.dup2(tmp.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            tmp.seek(0)
            for line in tmp.read().decode().splitlines():
                line = re.sub(r"\[[\w.]+:\d+\] ", "", line)  # drop "[file.cc:75] " source locations
                if "XNNPACK" in line and line not in lines:
                    lines.append(line)


# --8<-- [start:flow]
# 1. Build (and normally train) the model in Keras.
model = keras.Sequential(
    [
        keras.Input(shape=(4,), name="features"),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ]
)
expected = model(x).numpy()

# 2. Convert: Keras 3.15 writes the LiteRT flatbuffer directly.
model.export("model.tflite", format="litert", verbose=False)
print("model.tflite:", os.path.getsize("model.tflite"), "bytes")

# 3. Run it with the LiteRT interpreter: the same file an Android or iOS app would bundle.
log = []
with native_log(log):
    interpreter = Interpreter(model_path="model.tflite")
    runner = interpreter.get_signature_runner()  # call the model by input name
    probabilities = runner(features=x)["output_0"]  # the first call allocates and applies delegates
print("runtime says:", log)
print("LiteRT:", probabilities.round(4), "| max |diff| vs Keras:", f"{np.abs(probabilities - expected).max():.6f}")
# --8<-- [end:flow]

# --8<-- [start:accelerators]
# LiteRT 2's CompiledModel API takes the accelerator as an option instead of a hand-wired delegate.
log = []
with native_log(log):
    compiled = CompiledModel.from_file("model.tflite", hardware_accel=HardwareAccelerator.CPU)
print("runtime says:", log)
inputs, outputs = compiled.create_input_buffers(0), compiled.create_output_buffers(0)
inputs[0].write(x)
compiled.run_by_index(0, inputs, outputs)
probabilities = np.array(outputs[0].read(3, np.float32))
print("CompiledModel:", probabilities.round(4), "| fully accelerated:", compiled.is_fully_accelerated())
# On a phone: hardware_accel=HardwareAccelerator.GPU | HardwareAccelerator.CPU (GPU, CPU fallback),
# or HardwareAccelerator.NPU with a vendor plugin. This CPU-only machine has no GPU to ask for.
# --8<-- [end:accelerators]
