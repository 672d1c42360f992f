"""The built-in attention ops and layers reproduce the from-scratch version exactly."""

import math

import numpy as np
import torch
import torch.nn.functional as F

torch.manual_seed(0)
np.set_printoptions(precision=3, suppress=True)

# The same fixed inputs as the from-scratch program: 4 tokens, model width 8, three projection matrices.
rng = np.random.default_rng(0)
x_np = rng.standard_normal((1, 4, 8)).astype(np.float32)  # (batch, tokens, d_model)
wq_np, wk_np, wv_np = (rng.standard_normal((8, 8)).astype(np.float32) / math.sqrt(8) for _ in range(3))
x, wq, wk, wv = (torch.from_numpy(a) for a in (x_np, wq_np, wk_np, wv_np))


# The from-scratch version from pytorch_attention.py, to compare against.
def attention(q, k, v, causal=False):
    """softmax(Q K^T / sqrt(d_k)) V, for tensors shaped (..., tokens, d_k)."""
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])  # (..., tokens, tokens)
    if causal:  # token i may only look at tokens 0..i
        n = scores.shape[-1]
        future = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)
        scores = scores.masked_fill(future, float("-inf"))
    weights = torch.softmax(scores, dim=-1)  # each row sums to 1
    return weights @ v, weights


q, k, v = x @ wq, x @ wk, x @ wv
out, weights = attention(q, k, v)
causal_out, causal_weights = attention(q, k, v, causal=True)

# --8<-- [start:builtin]
# 1. The fused kernel: same math, picks a flash / memory-efficient implementation when it can.
sdpa = F.scaled_dot_product_attention(q, k, v)
sdpa_causal = F.scaled_dot_product_attention(q, k, v, is_causal=True)
print("F.scaled_dot_product_attention == scratch:", torch.allclose(sdpa, out, atol=1e-5))
print("... with is_causal=True == causal scratch:", torch.allclose(sdpa_causal, causal_out, atol=1e-5))

# 2. The layer, with its projections set to ours (1 head, no bias, identity output projection).
mha = torch.nn.MultiheadAttention(embed_dim=8, num_heads=1, bias=False, batch_first=True)
with torch.no_grad():
    mha.in_proj_weight.copy_(torch.cat([wq.T, wk.T, wv.T]))  # nn.Linear stores W transposed
    mha.out_proj.weight.copy_(torch.eye(8))
    layer_out, layer_weights = mha(x, x, x)
print("nn.MultiheadAttention == scratch:", torch.allclose(layer_out, out, atol=1e-5))
print("its weights == scratch:", torch.allclose(layer_weights, weights, atol=1e-5))


# 3. Multi-head: split d_model=8 into 2 heads of 4, attend per head, concatenate.
def split_heads(t):  # (batch, tokens, 8) -> (batch, heads=2, tokens, d_head=4)
    return t.view(1, 4, 2, 4).transpose(1, 2)


multi, multi_weights = attention(split_heads(q), split_heads(k), split_heads(v))
print("per-head weights:", tuple(multi_weights.shape), "-> concatenated output:", tuple(multi.transpose(1, 2).reshape(1, 4, 8).shape))
print(
    "multi-head == fused kernel:",
    torch.allclose(multi, F.scaled_dot_product_attention(split_heads(q), split_heads(k), split_heads(v)), atol=1e-5),
)
# --8<-- [end:builtin]
