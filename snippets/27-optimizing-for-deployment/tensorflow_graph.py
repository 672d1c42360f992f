"""Graph-level optimization in TensorFlow: tf.function graphs, XLA (jit_compile=True), SavedModel."""

import os
import tempfile
import time

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input((20,)),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dense(2),
    ]
)
x = tf.constant(np.random.default_rng(0).standard_normal((1000, 20)), tf.float32)


def best_ms(fn, arg=x, repeats=30):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn(arg).numpy()  # .numpy() waits for the result
        times.append(time.perf_counter() - start)
    return 1e3 * min(times)


# --8<-- [start:compile]
# tf.function traces Python into a graph (Grappler optimizes it); jit_compile=True also hands the
# graph to XLA, which fuses ops and generates kernels. The first call pays tracing + compiling.
graph_fn = tf.function(lambda t: model(t))
xla_fn = tf.function(lambda t: model(t), jit_compile=True)
start = time.perf_counter()
out = xla_fn(x)
first_call = time.perf_counter() - start
print("XLA output matches eager:", np.allclose(out, model(x), atol=1e-5))
print(f"first call (traces + compiles): {first_call:.1f} s  [sample]")
print(f"eager:       {best_ms(model):.2f} ms per batch  [sample]")
print(f"tf.function: {best_ms(graph_fn):.2f} ms per batch  [sample]")
print(f"XLA:         {best_ms(xla_fn):.2f} ms per batch  [sample]")


# Where compilation pays: chains of element-wise ops, which XLA fuses into one kernel.
def gelu_tanh(t):
    return 0.5 * t * (1.0 + tf.tanh(0.7978845608 * (t + 0.044715 * t**3)))


big = tf.random.normal((1000, 1000), seed=0)
fused = tf.function(gelu_tanh, jit_compile=True)
print("fused matches eager:", np.allclose(fused(big), gelu_tanh(big), atol=1e-6))
print(f"element-wise chain: eager {best_ms(gelu_tanh, big):.2f} ms, XLA {best_ms(fused, big):.2f} ms  [sample]")
# Keras training uses XLA when it can: model.compile(..., jit_compile="auto") is the default.
# --8<-- [end:compile]

# --8<-- [start:export]
# The deployment artifact: a SavedModel (graph + weights, no Python needed), which TF Serving,
# the LiteRT converter and tf2onnx all read. model.export() writes it with a "serve" endpoint.
with tempfile.TemporaryDirectory() as folder:
    model.export(folder, verbose=False)
    print("SavedModel files:", sorted(name for name in os.listdir(folder) if not name.startswith(".")))
    reloaded = tf.saved_model.load(folder)
    graph_def = reloaded.serve.get_concrete_function(tf.TensorSpec((None, 20), tf.float32)).graph.as_graph_def()
    ops = sorted({node.op for f in graph_def.library.function for node in f.node_def})
    print("ops inside the serving graph:", [op for op in ops if op in {"MatMul", "BiasAdd", "Relu", "AddV2"}])
    print("reloaded, batch of 7:", tuple(reloaded.serve(tf.zeros((7, 20))).shape))
    print("reloaded matches eager:", np.allclose(reloaded.serve(x), model(x), atol=1e-6))
# --8<-- [end:export]
