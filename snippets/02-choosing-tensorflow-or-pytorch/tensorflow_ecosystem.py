"""Hugging Face Transformers v5 has no TensorFlow models any more."""

import keras
import transformers

# --8<-- [start:changed]
print("transformers", transformers.__version__.split(".")[0] + ".x")
try:
    from transformers import TFBertModel  # noqa: F401  (worked in Transformers 4.x)
except ImportError as err:
    print("ImportError:", str(err).split(" (")[0])

# For Transformer models on TensorFlow, use Keras (KerasHub, or the built-in layers).
attention = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)
tokens = keras.random.normal((1, 5, 16), seed=0)
print("Keras attention output:", tuple(attention(tokens, tokens).shape))
# --8<-- [end:changed]
