"""FP32, FP16, BF16, FP8 and INT8 in TensorFlow: ranges, precision, rounding, overflow, CPU speed."""

import time

import ml_dtypes  # NumPy dtypes for bfloat16 and float8, installed with TensorFlow
import numpy as np
import tensorflow as tf

# --8<-- [start:ranges]
print(f"{'dtype':<15}{'bits':>5}{'max':>12}{'smallest normal':>17}{'eps (step at 1.0)':>19}")
for dtype in (np.float32, np.float16, ml_dtypes.bfloat16, ml_dtypes.float8_e4m3fn, ml_dtypes.float8_e5m2):
    info = ml_dtypes.finfo(dtype)
    print(f"{np.dtype(dtype).name:<15}{info.bits:>5}{float(info.max):>12.4g}{float(info.tiny):>17.4g}{float(info.eps):>19.4g}")
for dtype in (tf.int8, tf.uint8, tf.int32):
    print(f"{dtype.name:<15}{dtype.size * 8:>5}  range [{dtype.min}, {dtype.max}], step 1")
print(
    "TensorFlow's own view: tf.float16.max =",
    float(tf.float16.max),
    "| tf.bfloat16.max =",
    f"{float(tf.bfloat16.max):.4g}",
    "| tf.int8.max =",
    tf.int8.max,
)
# --8<-- [end:ranges]


# --8<-- [start:rounding]
def show(label, value):
    return f"{label}={float(value):.10g}"


fp16, bf16, fp32 = tf.float16, tf.bfloat16, tf.float32
# Overflow: fp16 tops out at 65504; bf16 has fp32's exponent range.
big = tf.constant(65504.0, fp16)
print("65504 + 32:", show("fp16", big + 32), "|", show("bf16", tf.cast(big, bf16) + 32))
# Precision near 1.0: fp16 has 10 mantissa bits, bf16 only 7.
for step in (1e-4, 1e-3):
    print(f"1 + {step:g}:  ", *(show(d.name, tf.constant(1.0, d) + step) for d in (fp32, fp16, bf16)))
# Underflow: tiny gradients vanish in fp16, survive in bf16 (and in fp16 after loss scaling).
grad = tf.constant(1e-8)
print(
    "1e-8:        ",
    show("fp16", tf.cast(grad, fp16)),
    "|",
    show("bf16", tf.cast(grad, bf16)),
    "|",
    show("fp16 of 1e-8*65536", tf.cast(grad * 65536, fp16)),
)
# --8<-- [end:rounding]

# --8<-- [start:integers]
# Plain int8 arithmetic wraps around; quantization clamps (saturates) instead.
print("int8 127 + 1        ->", int((tf.constant([127], tf.int8) + 1)[0]), "(wraps)")
print("float 300 -> int8    ->", int(tf.cast(tf.constant([300.0]), tf.int8)[0]), "(wraps: 300 - 256)")
print("tf.saturate_cast     ->", int(tf.saturate_cast(tf.constant([300.0]), tf.int8)[0]), "(saturates)")
# A 64-term dot product of int8 values can reach 127 * 127 * 64: int8 matmuls accumulate in int32.
print("64 products of 127*127:", 127 * 127 * 64, "> int16 max", tf.int16.max)
# --8<-- [end:integers]

# --8<-- [start:speed]
# The same matmul in three float formats on this CPU (AVX2; no AVX-512 BF16/FP16, no AMX).
rng = np.random.default_rng(0)  # the same inputs in both tabs
a32, b32 = (tf.constant(rng.standard_normal((512, 512)), fp32) for _ in range(2))
results = {}
for dtype in (fp32, bf16, fp16):
    a, b = tf.cast(a32, dtype), tf.cast(b32, dtype)
    (a @ b).numpy()  # warm-up
    times = []
    for _ in range(10):
        start = time.perf_counter()
        (a @ b).numpy()
        times.append(time.perf_counter() - start)
    results[dtype] = min(times)
    error = float(tf.reduce_max(tf.abs(tf.cast(a @ b, fp32) - a32 @ b32)))
    print(f"{dtype.name:<9} max error vs fp32 {error:8.4f}")
for dtype, seconds in results.items():
    print(f"{dtype.name:<9} {seconds * 1e3:.2f} ms  ({results[fp32] / seconds:.2f}x fp32 speed)  [sample]")
# --8<-- [end:speed]
