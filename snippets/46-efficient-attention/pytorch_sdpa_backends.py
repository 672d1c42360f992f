"""scaled_dot_product_attention in PyTorch: its backends, what runs on this device, memory, GQA."""

import math

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.attention import SDPBackend, sdpa_kernel
from torch.profiler import ProfilerActivity, profile

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "cpu"
print("device:", device)


# --8<-- [start:backends]
def naive_attention(q, k, v):
    """softmax(Q K^T / sqrt(d)) V: materialises the full (tokens x tokens) score matrix."""
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    return torch.softmax(scores, dim=-1) @ v


q, k, v = (torch.randn(2, 4, 128, 64, device=device) for _ in range(3))  # (batch, heads, tokens, head_dim)
reference = naive_attention(q, k, v)

for backend in [SDPBackend.MATH, SDPBackend.FLASH_ATTENTION, SDPBackend.EFFICIENT_ATTENTION, SDPBackend.CUDNN_ATTENTION]:
    try:
        with sdpa_kernel(backend):  # allow only this backend inside the block
            out = F.scaled_dot_product_attention(q, k, v)
        print(f"{backend.name:<20} runs, matches naive (atol 1e-5): {torch.allclose(out, reference, atol=1e-5)}")
    except RuntimeError as error:
        print(f"{backend.name:<20} cannot run: {str(error).splitlines()[0]}")
# --8<-- [end:backends]

# --8<-- [start:dispatch]
# Without sdpa_kernel, PyTorch picks the fastest backend that accepts these inputs.
# The profiler names the kernel that really ran.
with profile(activities=[ProfilerActivity.CPU]) as prof:
    F.scaled_dot_product_attention(q, k, v)
kernels = sorted({e.name for e in prof.events() if e.name.startswith("aten::_scaled_dot_product")})
print("default dispatch ran:", kernels)
# --8<-- [end:dispatch]


# --8<-- [start:memory]
def largest_allocation(backend, n_tokens):
    """Largest single block of memory allocated by one attention call, in bytes."""
    x = torch.randn(1, 1, n_tokens, 64)
    with sdpa_kernel(backend), torch.no_grad():
        with profile(activities=[ProfilerActivity.CPU], profile_memory=True) as prof:
            F.scaled_dot_product_attention(x, x, x)
    return max(e.self_cpu_memory_usage for e in prof.events())


for n in (1024, 4096):
    print(f"{n} tokens: one float32 score matrix (n x n) = {n * n * 4 / 2**20:.1f} MiB")
    for backend in (SDPBackend.MATH, SDPBackend.FLASH_ATTENTION):
        biggest = largest_allocation(backend, n)
        print(f"  {backend.name:<16} largest allocation {biggest / 2**20:6.2f} MiB, n x n matrix built: {biggest >= n * n * 4}")
# --8<-- [end:memory]

# --8<-- [start:gqa]
# Grouped-query attention: 8 query heads share 2 key/value heads (4 query heads per group).
q8 = torch.randn(1, 8, 16, 64)
k2, v2 = torch.randn(1, 2, 16, 64), torch.randn(1, 2, 16, 64)
try:
    F.scaled_dot_product_attention(q8, k2, v2)
except RuntimeError as error:
    print("8 query heads, 2 kv heads, no enable_gqa:", error)
out = F.scaled_dot_product_attention(q8, k2, v2, enable_gqa=True)
# The same as repeating each kv head for its 4 query heads (what GQA saves is storing them).
repeated = F.scaled_dot_product_attention(q8, k2.repeat_interleave(4, dim=1), v2.repeat_interleave(4, dim=1))
print("enable_gqa=True:", tuple(out.shape), "| equals repeated kv heads:", torch.allclose(out, repeated, atol=1e-6))
# --8<-- [end:gqa]


# --8<-- [start:params]
def attention_projections(d_model, n_heads, n_kv_heads, head_dim):
    """Q, K, V and output projections of one attention layer, on the meta device: shapes, no memory."""
    with torch.device("meta"):
        return nn.ModuleDict({
            "q_proj": nn.Linear(d_model, n_heads * head_dim, bias=False),
            "k_proj": nn.Linear(d_model, n_kv_heads * head_dim, bias=False),
            "v_proj": nn.Linear(d_model, n_kv_heads * head_dim, bias=False),
            "o_proj": nn.Linear(n_heads * head_dim, d_model, bias=False),
        })


for name, kv_heads in (("MHA, 32 kv heads", 32), ("GQA,  8 kv heads", 8), ("MQA,  1 kv head ", 1)):
    layer = attention_projections(4096, 32, kv_heads, 128)  # one Llama-like layer: d_model 4096, 32 query heads
    total = sum(p.numel() for p in layer.parameters())
    kv = sum(p.numel() for n, p in layer.named_parameters() if n[0] in "kv")
    print(f"{name}: {total:,} attention weights per layer, {kv:,} of them in k_proj + v_proj; on device {layer.q_proj.weight.device}")
mha = nn.MultiheadAttention(4096, 32, bias=False, device="meta")  # the built-in layer has no GQA option
print("nn.MultiheadAttention(4096, 32, bias=False):", f"{sum(p.numel() for p in mha.parameters()):,}", "weights")
# --8<-- [end:params]
