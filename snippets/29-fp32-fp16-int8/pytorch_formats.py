"""FP32, FP16, BF16, FP8 and INT8 in PyTorch: ranges, precision, rounding, overflow, CPU speed."""

import time

import matplotlib.pyplot as plt
import numpy as np
import torch

torch.manual_seed(0)

# --8<-- [start:ranges]
print(f"{'dtype':<15}{'bits':>5}{'max':>12}{'smallest normal':>17}{'eps (step at 1.0)':>19}")
for dtype in (torch.float32, torch.float16, torch.bfloat16, torch.float8_e4m3fn, torch.float8_e5m2):
    info = torch.finfo(dtype)
    print(f"{str(dtype).split('.')[1]:<15}{info.bits:>5}{info.max:>12.4g}{info.tiny:>17.4g}{info.eps:>19.4g}")
for dtype in (torch.int8, torch.uint8, torch.int32):
    info = torch.iinfo(dtype)
    print(f"{str(dtype).split('.')[1]:<15}{info.bits:>5}  range [{info.min}, {info.max}], step 1")
# --8<-- [end:ranges]


# --8<-- [start:rounding]
def show(label, value):
    return f"{label}={value.item():.10g}"


fp16, bf16, fp32 = torch.float16, torch.bfloat16, torch.float32
# Overflow: fp16 tops out at 65504; bf16 has fp32's exponent range.
big = torch.tensor(65504.0, dtype=fp16)
print("65504 + 32:", show("fp16", big + 32), "|", show("bf16", big.to(bf16) + 32))
# Precision near 1.0: fp16 has 10 mantissa bits, bf16 only 7.
for step in (1e-4, 1e-3):
    print(f"1 + {step:g}:  ", *(show(str(d).split(".")[1], torch.tensor(1.0, dtype=d) + step) for d in (fp32, fp16, bf16)))
# Underflow: tiny gradients vanish in fp16, survive in bf16 (and in fp16 after loss scaling).
grad = torch.tensor(1e-8)
print(
    "1e-8:        ", show("fp16", grad.to(fp16)), "|", show("bf16", grad.to(bf16)), "|", show("fp16 of 1e-8*65536", (grad * 65536).to(fp16))
)
# --8<-- [end:rounding]

# --8<-- [start:integers]
# Plain int8 arithmetic wraps around; quantization clamps (saturates) instead.
print("int8 127 + 1        ->", (torch.tensor([127], dtype=torch.int8) + 1).item(), "(wraps)")
print("float 300 -> int8    ->", torch.tensor([300.0]).to(torch.int8).item(), "(wraps: 300 - 256)")
print("clamp then cast      ->", torch.tensor([300.0]).clamp(-128, 127).to(torch.int8).item(), "(saturates)")
# A 64-term dot product of int8 values can reach 127 * 127 * 64: int8 matmuls accumulate in int32.
print("64 products of 127*127:", 127 * 127 * 64, "> int16 max", torch.iinfo(torch.int16).max)
# --8<-- [end:integers]

# --8<-- [start:speed]
# The same matmul in three float formats. Whether 16 bits is faster depends on the CPU's units
# (AVX-512 BF16/FP16, AMX) and on the kernels using them: time it on the machine you deploy to.
rng = np.random.default_rng(0)  # the same inputs in both tabs
a32, b32 = (torch.tensor(rng.standard_normal((512, 512)), dtype=fp32) for _ in range(2))
results = {}
for dtype in (fp32, bf16, fp16):
    a, b = a32.to(dtype), b32.to(dtype)
    a @ b  # warm-up
    times = []
    for _ in range(10):
        start = time.perf_counter()
        a @ b
        times.append(time.perf_counter() - start)
    results[dtype] = min(times)
    error = ((a @ b).float() - a32 @ b32).abs().max().item()
    print(f"{str(dtype).split('.')[1]:<9} max error vs fp32 {error:8.4f}")
for dtype, seconds in results.items():
    print(f"{str(dtype).split('.')[1]:<9} {seconds * 1e3:.2f} ms  ({results[fp32] / seconds:.2f}x fp32 speed)  [sample]")
# --8<-- [end:speed]

# A figure: relative spacing between neighbouring representable numbers, by magnitude.
x = torch.logspace(-9, 9, 73, dtype=torch.float64)
fig, ax = plt.subplots(figsize=(7, 3.6))
for dtype, style in ((fp32, "-"), (fp16, "--"), (bf16, "-.")):
    v = x.to(dtype)
    ok = torch.isfinite(v) & (v > 0)
    gap = torch.nextafter(v, torch.tensor(float("inf"), dtype=dtype)).double() - v.double()
    ax.loglog(x[ok], (gap / x)[ok], style, label=str(dtype).split(".")[1])
scale = 1 / 127  # int8, symmetric, calibrated to the range [-1, 1]
xi = x[(x >= scale / 2) & (x <= 1)]
ax.loglog(xi, scale / xi, ":", label="int8, range [-1, 1]")
ax.set_xlabel("magnitude of the value")
ax.set_ylabel("relative step to the next value")
ax.set_title("Relative precision by magnitude (a line ends where its format under- or overflows)", fontsize=10)
ax.legend(fontsize=8)
ax.grid(True, which="major", alpha=0.3)
fig.savefig("precision.svg")
