"""Eager vs torch.compile (Inductor) on a chain of elementwise ops."""

import os

# Inductor settings for a small CPU machine (not needed elsewhere): no pool of compile workers,
# and no precompiled header, which costs more than it saves when there is a single kernel.
os.environ.setdefault("TORCHINDUCTOR_COMPILE_THREADS", "1")
os.environ.setdefault("TORCHINDUCTOR_CPP_CACHE_PRECOMPILE_HEADERS", "0")

import time
import timeit

import torch

torch.manual_seed(0)


# --8<-- [start:speed]
def gelu_tanh(x):  # ten elementwise ops (F.gelu(x, approximate="tanh") would be one fused op)
    return 0.5 * x * (1.0 + torch.tanh(0.7978846 * (x + 0.044715 * x * x * x)))


data = torch.randn(1_000_000)
fused = torch.compile(gelu_tanh)  # default backend: Inductor generates one fused C++ loop on CPU
start = time.perf_counter()
result = fused(data)  # the first call traces, generates C++ and compiles it
print(f"first call (compile): {time.perf_counter() - start:.1f} s [sample]")
print("compiled result matches eager:", torch.allclose(result, gelu_tanh(data), atol=1e-5))


def best(fn):
    return min(timeit.repeat(lambda: fn(data), number=10, repeat=3))


print(f"torch.compile: {best(gelu_tanh) / best(fused):.1f}x faster than eager [sample]")
# --8<-- [end:speed]
