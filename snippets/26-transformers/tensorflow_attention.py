"""Scaled dot-product self-attention from scratch in TensorFlow."""

import math

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
np.set_printoptions(precision=3, suppress=True)

# Identical fixed inputs in both tabs: 4 tokens, model width 8, three projection matrices.
rng = np.random.default_rng(0)
x_np = rng.standard_normal((1, 4, 8)).astype(np.float32)  # (batch, tokens, d_model)
wq_np, wk_np, wv_np = (rng.standard_normal((8, 8)).astype(np.float32) / math.sqrt(8) for _ in range(3))
x, wq, wk, wv = (tf.constant(a) for a in (x_np, wq_np, wk_np, wv_np))


# --8<-- [start:scratch]
def attention(q, k, v, causal=False):
    """softmax(Q K^T / sqrt(d_k)) V, for tensors shaped (..., tokens, d_k)."""
    scores = tf.matmul(q, k, transpose_b=True) / math.sqrt(q.shape[-1])  # (..., tokens, tokens)
    if causal:  # token i may only look at tokens 0..i
        n = scores.shape[-1]
        allowed = tf.linalg.band_part(tf.ones((n, n), tf.bool), -1, 0)  # lower triangle
        scores = tf.where(allowed, scores, float("-inf"))
    weights = tf.nn.softmax(scores, axis=-1)  # each row sums to 1
    return tf.matmul(weights, v), weights


q, k, v = x @ wq, x @ wk, x @ wv  # self-attention: Q, K and V all come from x
out, weights = attention(q, k, v)
print("attention weights (row = query token):\n", weights[0].numpy())
print("output, token 0:", out[0, 0].numpy())
# --8<-- [end:scratch]

# --8<-- [start:causal]
causal_out, causal_weights = attention(q, k, v, causal=True)
print("causal weights:\n", causal_weights[0].numpy())

# Change the last token: with the causal mask, outputs for tokens 0..2 do not move.
x2 = tf.tensor_scatter_nd_add(x, [[0, 3]], tf.fill((1, 8), 5.0))
full2, _ = attention(x2 @ wq, x2 @ wk, x2 @ wv)
causal2, _ = attention(x2 @ wq, x2 @ wk, x2 @ wv, causal=True)
print("tokens 0-2 changed, no mask:    ", bool(tf.reduce_max(tf.abs(full2[0, :3] - out[0, :3])) > 1e-6))
print("tokens 0-2 changed, causal mask:", bool(tf.reduce_max(tf.abs(causal2[0, :3] - causal_out[0, :3])) > 1e-6))
# --8<-- [end:causal]
