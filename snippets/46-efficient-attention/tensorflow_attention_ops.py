"""Fused attention in Keras 3: dot_product_attention, flash attention, MultiHeadAttention vs GroupQueryAttention."""

import math
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras
import numpy as np
import tensorflow as tf
from keras import ops

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
print("Keras backend:", keras.backend.backend(), "| GPUs visible:", len(tf.config.list_physical_devices("GPU")))


# --8<-- [start:fused]
def naive_attention(q, k, v):
    """softmax(Q K^T / sqrt(d)) V for Keras' layout (batch, tokens, heads, head_dim)."""
    scores = ops.einsum("bqhd,bkhd->bhqk", q, k) / math.sqrt(q.shape[-1])
    return ops.einsum("bhqk,bkhd->bqhd", ops.softmax(scores, axis=-1), v)


q, k, v = (rng.standard_normal((2, 128, 4, 64)).astype("float32") for _ in range(3))  # (batch, tokens, heads, head_dim)
out = ops.dot_product_attention(q, k, v)
print("dot_product_attention matches naive (atol 1e-5):", np.allclose(out, naive_attention(q, k, v), atol=1e-5))
print("keras.config.is_flash_attention_enabled():", keras.config.is_flash_attention_enabled(), "(None = use it when possible)")
keras.config.disable_flash_attention()  # global switch for every layer and op: never use flash
print("after keras.config.disable_flash_attention():", keras.config.is_flash_attention_enabled())
keras.config.enable_flash_attention()
try:  # per call: insist on flash attention
    ops.dot_product_attention(q, k, v, flash_attention=True)
except ValueError as error:
    print("flash_attention=True:", error)
# --8<-- [end:fused]

# --8<-- [start:gqa_op]
# Grouped-query attention in the op: 8 query heads, 2 key/value heads (K divides N).
q8 = rng.standard_normal((1, 16, 8, 64)).astype("float32")
k2, v2 = (rng.standard_normal((1, 16, 2, 64)).astype("float32") for _ in range(2))
grouped = ops.dot_product_attention(q8, k2, v2)
repeated = ops.dot_product_attention(q8, ops.repeat(k2, 4, axis=2), ops.repeat(v2, 4, axis=2))
print("8 query heads on 2 kv heads:", tuple(grouped.shape), "| equals repeated kv heads:", np.allclose(grouped, repeated, atol=1e-6))
# --8<-- [end:gqa_op]

# --8<-- [start:layers]
x = rng.standard_normal((2, 10, 64)).astype("float32")
mha = keras.layers.MultiHeadAttention(num_heads=8, key_dim=8)
gqa = keras.layers.GroupQueryAttention(head_dim=8, num_query_heads=8, num_key_value_heads=2)
for name, layer in (("MultiHeadAttention", mha), ("GroupQueryAttention", gqa)):
    y = layer(x, x, use_causal_mask=True)  # self-attention: query = value = x
    kv = sum(int(np.prod(w.shape)) for w in layer.weights if w.path.split("/")[-2] in ("key", "value"))
    print(f"{name:<19} output {tuple(y.shape)}, {layer.count_params():,} weights, {kv:,} in key + value")
# The public name is GroupQueryAttention; the class behind it is called GroupedQueryAttention.
print("class name:", keras.layers.GroupQueryAttention.__name__, "| keras.layers.GroupedQueryAttention exists:",
      hasattr(keras.layers, "GroupedQueryAttention"))
# --8<-- [end:layers]


# --8<-- [start:params]
def attention_weights(d_model, n_heads, n_kv_heads, head_dim):
    """Kernel sizes of GroupQueryAttention without bias, computed for a real-size layer (not allocated)."""
    q_and_o = 2 * d_model * n_heads * head_dim
    k_and_v = 2 * d_model * n_kv_heads * head_dim
    return q_and_o + k_and_v, k_and_v


# The formula agrees with the small layer built above (biases added back):
total, _ = attention_weights(64, 8, 2, 8)
print("formula for the small GQA layer, plus biases:", total + (8 + 2 + 2) * 8 + 64, "=", gqa.count_params())
for name, kv_heads in (("MHA, 32 kv heads", 32), ("GQA,  8 kv heads", 8), ("MQA,  1 kv head ", 1)):
    total, kv = attention_weights(4096, 32, kv_heads, 128)  # one Llama-like layer
    print(f"{name}: {total:,} attention weights per layer, {kv:,} of them in key + value")
# --8<-- [end:params]
