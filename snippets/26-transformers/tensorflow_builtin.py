"""The built-in attention ops and layers reproduce the from-scratch version exactly."""

import math

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
np.set_printoptions(precision=3, suppress=True)

# The same fixed inputs as the from-scratch program: 4 tokens, model width 8, three projection matrices.
rng = np.random.default_rng(0)
x_np = rng.standard_normal((1, 4, 8)).astype(np.float32)  # (batch, tokens, d_model)
wq_np, wk_np, wv_np = (rng.standard_normal((8, 8)).astype(np.float32) / math.sqrt(8) for _ in range(3))
x, wq, wk, wv = (tf.constant(a) for a in (x_np, wq_np, wk_np, wv_np))


# The from-scratch version from tensorflow_attention.py, to compare against.
def attention(q, k, v, causal=False):
    """softmax(Q K^T / sqrt(d_k)) V, for tensors shaped (..., tokens, d_k)."""
    scores = tf.matmul(q, k, transpose_b=True) / math.sqrt(q.shape[-1])  # (..., tokens, tokens)
    if causal:  # token i may only look at tokens 0..i
        n = scores.shape[-1]
        allowed = tf.linalg.band_part(tf.ones((n, n), tf.bool), -1, 0)  # lower triangle
        scores = tf.where(allowed, scores, float("-inf"))
    weights = tf.nn.softmax(scores, axis=-1)  # each row sums to 1
    return tf.matmul(weights, v), weights


q, k, v = x @ wq, x @ wk, x @ wv
out, weights = attention(q, k, v)
causal_out, causal_weights = attention(q, k, v, causal=True)

# --8<-- [start:builtin]
# 1. The functional op (Keras 3): inputs shaped (batch, tokens, heads, d_head).
fused = keras.ops.dot_product_attention(q[:, :, None], k[:, :, None], v[:, :, None])[:, :, 0]
fused_causal = keras.ops.dot_product_attention(q[:, :, None], k[:, :, None], v[:, :, None], is_causal=True)[:, :, 0]
print("keras.ops.dot_product_attention == scratch:", np.allclose(fused, out, atol=1e-5))
print("... with is_causal=True == causal scratch:", np.allclose(fused_causal, causal_out, atol=1e-5))

# 2. The Keras layer, with its projections set to ours (1 head, no bias, identity output projection).
mha = keras.layers.MultiHeadAttention(num_heads=1, key_dim=8, use_bias=False)
mha(x, x)  # build the layer, then overwrite its kernels
mha.set_weights(
    [
        wq_np.reshape(8, 1, 8),  # query kernel: (d_model, heads, key_dim)
        wk_np.reshape(8, 1, 8),
        wv_np.reshape(8, 1, 8),
        np.eye(8, dtype=np.float32).reshape(1, 8, 8),  # output kernel: (heads, key_dim, d_model)
    ]
)
layer_out, layer_weights = mha(x, x, return_attention_scores=True)  # query, value (key = value)
layer_causal = mha(x, x, use_causal_mask=True)
print("MultiHeadAttention == scratch:", np.allclose(layer_out, out, atol=1e-5))
print("its weights == scratch:", np.allclose(layer_weights[:, 0], weights, atol=1e-5))  # (batch, heads, q, k)
print("use_causal_mask=True == causal scratch:", np.allclose(layer_causal, causal_out, atol=1e-5))


# 3. Multi-head: split d_model=8 into 2 heads of 4, attend per head, concatenate.
def split_heads(t):  # (batch, tokens, 8) -> (batch, heads=2, tokens, d_head=4)
    return tf.transpose(tf.reshape(t, (1, 4, 2, 4)), (0, 2, 1, 3))


multi, multi_weights = attention(split_heads(q), split_heads(k), split_heads(v))
print(
    "per-head weights:",
    tuple(multi_weights.shape),
    "-> concatenated output:",
    tuple(tf.reshape(tf.transpose(multi, (0, 2, 1, 3)), (1, 4, 8)).shape),
)
as_bthd = [tf.reshape(t, (1, 4, 2, 4)) for t in (q, k, v)]  # the op's layout: no transpose needed
fused_multi = tf.transpose(keras.ops.dot_product_attention(*as_bthd), (0, 2, 1, 3))
print("multi-head == fused op:", np.allclose(multi, fused_multi, atol=1e-5))
# --8<-- [end:builtin]
