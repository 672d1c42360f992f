"""The KV cache in PyTorch: its size for real models, and cached decoding equal to full recomputation."""

import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)


# --8<-- [start:size]
def kv_cache_bytes(layers, kv_heads, head_dim, seq_len, batch, bytes_per_element):
    """Keys and values (the 2) of every layer, kv head, position and sequence in the batch."""
    return 2 * layers * kv_heads * head_dim * seq_len * batch * bytes_per_element


def human(n_bytes):
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n_bytes < 1024 or unit == "GiB":
            return f"{n_bytes:g} {unit}"
        n_bytes /= 1024


configs = {  # name: (layers, query heads, kv heads, head_dim)
    "tiny model on this page": (2, 4, 2, 8),
    "Llama-2-7B-like (MHA)": (32, 32, 32, 128),
    "Llama-3-8B-like (GQA)": (32, 32, 8, 128),
}
for name, (layers, heads, kv_heads, head_dim) in configs.items():
    for seq_len, batch in ((4096, 1), (8192, 16)):
        size = kv_cache_bytes(layers, kv_heads, head_dim, seq_len, batch, bytes_per_element=2)  # bf16
        print(f"{name:<24} {heads} q / {kv_heads:>2} kv heads, {seq_len} tokens x batch {batch:>2}: {size:>14,} bytes = {human(size)}")
# --8<-- [end:size]


# --8<-- [start:model]
class Attention(nn.Module):
    """Causal self-attention with grouped-query heads and an optional KV cache."""

    def __init__(self, d_model, n_heads, n_kv_heads):
        super().__init__()
        self.n_heads, self.n_kv_heads, self.head_dim = n_heads, n_kv_heads, d_model // n_heads
        self.q_proj = nn.Linear(d_model, n_heads * self.head_dim, bias=False)
        self.kv_proj = nn.Linear(d_model, 2 * n_kv_heads * self.head_dim, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, cache=None):
        b, t, _ = x.shape
        q = self.q_proj(x).view(b, t, self.n_heads, self.head_dim).transpose(1, 2)
        k, v = self.kv_proj(x).view(b, t, 2, self.n_kv_heads, self.head_dim).permute(2, 0, 3, 1, 4)
        if cache is not None and cache["k"] is not None:  # append the new positions to the cache
            k, v = torch.cat([cache["k"], k], dim=2), torch.cat([cache["v"], v], dim=2)
        if cache is not None:
            cache["k"], cache["v"] = k, v
        # A prompt (t > 1) needs the causal mask; one new token may see every cached position.
        out = F.scaled_dot_product_attention(q, k, v, is_causal=t > 1, enable_gqa=True)
        return self.o_proj(out.transpose(1, 2).reshape(b, t, -1))


class TinyDecoder(nn.Module):
    def __init__(self, vocab=50, d_model=32, n_layers=2, n_heads=4, n_kv_heads=2):
        super().__init__()
        self.embed = nn.Embedding(vocab, d_model)
        self.pos = nn.Embedding(64, d_model)
        self.layers = nn.ModuleList(Attention(d_model, n_heads, n_kv_heads) for _ in range(n_layers))
        self.head = nn.Linear(d_model, vocab)

    def forward(self, ids, caches=None, start=0):
        x = self.embed(ids) + self.pos(torch.arange(start, start + ids.shape[1]))
        for i, layer in enumerate(self.layers):
            x = x + layer(x, None if caches is None else caches[i])
        return self.head(x)
# --8<-- [end:model]


model = TinyDecoder().eval()
prompt = torch.tensor([[3, 14, 15, 9, 2]])
steps = 8

# --8<-- [start:decode]
with torch.no_grad():
    # Without a cache: every step re-runs the whole sequence (cost grows with its length).
    ids, full_logits = prompt, []
    for _ in range(steps):
        logits = model(ids)[:, -1]
        full_logits.append(logits)
        ids = torch.cat([ids, logits.argmax(-1, keepdim=True)], dim=1)
    full_tokens = ids

    # With a cache: one pass over the prompt (prefill), then one position per step.
    caches = [{"k": None, "v": None} for _ in model.layers]
    logits = model(prompt, caches)[:, -1]
    ids, cached_logits = prompt, []
    for _ in range(steps):
        cached_logits.append(logits)
        token = logits.argmax(-1, keepdim=True)
        ids = torch.cat([ids, token], dim=1)
        logits = model(token, caches, start=ids.shape[1] - 1)[:, -1]

gap = max((a - b).abs().max().item() for a, b in zip(full_logits, cached_logits))
print("generated tokens:", full_tokens[0].tolist())
print("cached decoding gives the same tokens:", torch.equal(ids, full_tokens), f"| largest logit gap below 1e-5: {gap < 1e-5}")
cache_bytes = sum(c["k"].nbytes + c["v"].nbytes for c in caches)
print("cache of layer 0: k", tuple(caches[0]["k"].shape), "(batch, kv heads, positions, head_dim)")
print("cache bytes held:", cache_bytes, "| formula:", kv_cache_bytes(2, 2, 8, caches[0]["k"].shape[2], 1, 4))
# --8<-- [end:decode]

# --8<-- [start:pitfall]
# is_causal=True aligns the mask to the top-left corner: one query against a longer cache sees only key 0.
q1, k5, v5 = torch.randn(1, 2, 1, 8), torch.randn(1, 2, 5, 8), torch.randn(1, 2, 5, 8)
wrong = F.scaled_dot_product_attention(q1, k5, v5, is_causal=True)
only_first = F.scaled_dot_product_attention(q1, k5[:, :, :1], v5[:, :, :1])
right = F.scaled_dot_product_attention(q1, k5, v5)
print("1 query, 5 cached keys, is_causal=True attends only to key 0:", torch.allclose(wrong, only_first))
print("                        is_causal=False equals it:           ", torch.allclose(wrong, right))
# --8<-- [end:pitfall]
