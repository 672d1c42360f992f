"""The KV cache in Keras 3: its size for real models, and cached decoding equal to full recomputation."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras
import numpy as np
from keras import ops

keras.utils.set_random_seed(0)


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
class Attention(keras.layers.Layer):
    """Causal self-attention with grouped-query heads and an optional KV cache."""

    def __init__(self, d_model, n_heads, n_kv_heads, **kwargs):
        super().__init__(**kwargs)
        self.n_heads, self.n_kv_heads, self.head_dim = n_heads, n_kv_heads, d_model // n_heads
        self.q_proj = keras.layers.EinsumDense("btd,dhk->bthk", (None, n_heads, self.head_dim))
        self.k_proj = keras.layers.EinsumDense("btd,dhk->bthk", (None, n_kv_heads, self.head_dim))
        self.v_proj = keras.layers.EinsumDense("btd,dhk->bthk", (None, n_kv_heads, self.head_dim))
        self.o_proj = keras.layers.EinsumDense("bthk,hkd->btd", (None, d_model))

    def call(self, x, cache=None):
        """Returns the output and the updated cache (k, v): Keras hands call() a copy of nested
        arguments such as a dict, so a cache changed in place would be lost (see the pitfall below)."""
        q, k, v = self.q_proj(x), self.k_proj(x), self.v_proj(x)  # (batch, tokens, heads, head_dim)
        if cache is not None:  # append the new positions to the cached ones
            k, v = ops.concatenate([cache[0], k], axis=1), ops.concatenate([cache[1], v], axis=1)
        # A prompt (several tokens) needs the causal mask; one new token may see every cached position.
        out = ops.dot_product_attention(q, k, v, is_causal=x.shape[1] > 1)  # 2 kv heads serve 4 query heads
        return self.o_proj(out), (k, v)


class TinyDecoder(keras.Model):
    def __init__(self, vocab=50, d_model=32, n_layers=2, n_heads=4, n_kv_heads=2):
        super().__init__()
        self.embed = keras.layers.Embedding(vocab, d_model)
        self.pos = keras.layers.Embedding(64, d_model)
        self.blocks = [Attention(d_model, n_heads, n_kv_heads) for _ in range(n_layers)]
        self.head = keras.layers.Dense(vocab)

    def call(self, ids, caches=None, start=0):
        x = self.embed(ids) + self.pos(ops.arange(start, start + ids.shape[1]))
        new_caches = []
        for i, block in enumerate(self.blocks):
            out, cache = block(x, None if caches is None else caches[i])
            x = x + out
            new_caches.append(cache)
        return self.head(x), new_caches


# --8<-- [end:model]


model = TinyDecoder()
prompt = np.array([[3, 14, 15, 9, 2]])
steps = 8

# --8<-- [start:decode]
# Without a cache: every step re-runs the whole sequence (cost grows with its length).
ids, full_logits = prompt, []
for _ in range(steps):
    logits = model(ids)[0][:, -1]
    full_logits.append(logits)
    ids = np.concatenate([ids, np.argmax(logits, -1)[:, None]], axis=1)
full_tokens = ids

# With a cache: one pass over the prompt (prefill), then one position per step.
logits, caches = model(prompt)
logits = logits[:, -1]
ids, cached_logits = prompt, []
for _ in range(steps):
    cached_logits.append(logits)
    token = np.argmax(logits, -1)[:, None]
    ids = np.concatenate([ids, token], axis=1)
    logits, caches = model(token, caches, start=ids.shape[1] - 1)
    logits = logits[:, -1]

gap = max(float(np.abs(a - b).max()) for a, b in zip(full_logits, cached_logits))
print("generated tokens:", full_tokens[0].tolist())
print("cached decoding gives the same tokens:", np.array_equal(ids, full_tokens), f"| largest logit gap below 1e-5: {gap < 1e-5}")
cache_bytes = sum(k.numpy().nbytes + v.numpy().nbytes for k, v in caches)
print("cache of layer 0: k", tuple(caches[0][0].shape), "(batch, positions, kv heads, head_dim)")
print("cache bytes held:", cache_bytes, "| formula:", kv_cache_bytes(2, 2, 8, caches[0][0].shape[1], 1, 4))
# --8<-- [end:decode]

# --8<-- [start:pitfall]
# is_causal=True aligns the mask to the top-left corner: one query against a longer cache sees only key 0.
rng = np.random.default_rng(0)
q1, k5, v5 = (rng.standard_normal(s).astype("float32") for s in ((1, 1, 2, 8), (1, 5, 2, 8), (1, 5, 2, 8)))
wrong = ops.dot_product_attention(q1, k5, v5, is_causal=True)
only_first = ops.dot_product_attention(q1, k5[:, :1], v5[:, :1])
right = ops.dot_product_attention(q1, k5, v5)
print("1 query, 5 cached keys, is_causal=True attends only to key 0:", np.allclose(wrong, only_first))
print("                        is_causal=False equals it:           ", np.allclose(wrong, right))


class Probe(keras.layers.Layer):
    def call(self, x, cache):
        cache["k"] = x  # changes the copy of the dict that Keras passed in
        return x


cache = {"k": None}
Probe()(q1, cache)
print("a dict cache changed inside a Keras layer's call() is changed for the caller:", cache["k"] is not None)
# --8<-- [end:pitfall]
