"""Eager vs tf.function vs XLA on a chain of elementwise ops."""

import time
import timeit

import tensorflow as tf


# --8<-- [start:speed]
def gelu_tanh(x):  # ten elementwise ops (tf.nn.gelu(x, approximate=True) computes the same)
    return 0.5 * x * (1.0 + tf.tanh(0.7978846 * (x + 0.044715 * x * x * x)))


data = tf.random.stateless_normal([1_000_000], seed=[0, 0])
graph_fn = tf.function(gelu_tanh)
xla_fn = tf.function(gelu_tanh, jit_compile=True)  # XLA fuses the ops into one kernel
for name, fn in (("tf.function", graph_fn), ("XLA", xla_fn)):
    start = time.perf_counter()
    result = fn(data)  # the first call traces (and for XLA, compiles)
    print(f"{name} first call: {time.perf_counter() - start:.2f} s [sample]")
    print(f"{name} matches eager:", float(tf.reduce_max(tf.abs(result - gelu_tanh(data)))) < 1e-5)


def best(fn):
    return min(timeit.repeat(lambda: fn(data).numpy(), number=10, repeat=3))


eager_s = best(gelu_tanh)
print(f"tf.function: {eager_s / best(graph_fn):.1f}x faster than eager [sample]")
print(f"tf.function(jit_compile=True): {eager_s / best(xla_fn):.1f}x faster than eager [sample]")
# --8<-- [end:speed]
