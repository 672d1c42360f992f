"""Tiny BERT-like (encoder) and GPT-like (decoder) models in Keras 3, offline."""

import keras
import numpy as np
import tensorflow as tf
from keras import layers
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

keras.utils.set_random_seed(0)


# Setup: the tokenizers from the tokenizers program, trained on the same five sentences.
corpus = [
    "the cat sat on the mat",
    "the dog sat on the log",
    "a cat and a dog are friends",
    "transformers use attention to mix tokens",
    "attention lets every token look at other tokens",
]
wordpiece = Tokenizer(models.WordPiece(unk_token="[UNK]"))
wordpiece.normalizer = normalizers.BertNormalizer(lowercase=True)
wordpiece.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
wordpiece.train_from_iterator(
    corpus,
    trainers.WordPieceTrainer(vocab_size=80, special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"], show_progress=False),
)
bpe = Tokenizer(models.BPE())
bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
bpe.decoder = decoders.ByteLevel()
bpe.train_from_iterator(corpus, trainers.BpeTrainer(vocab_size=300, special_tokens=["<|endoftext|>"], show_progress=False))


# --8<-- [start:blocks]
# KerasHub ships these as keras_hub.layers.TokenAndPositionEmbedding / TransformerEncoder /
# TransformerDecoder, and whole pretrained models (not installed here, needs a download):
#   keras_hub.models.BertTextClassifier.from_preset("bert_base_en_uncased", num_classes=2)
#   gpt2 = keras_hub.models.GPT2CausalLM.from_preset("gpt2_base_en"); gpt2.generate("Keras is", max_length=30)
class TokenAndPosition(layers.Layer):
    """Token embedding + learned position embedding (as in BERT and GPT-2)."""

    def __init__(self, vocab_size, max_len, dim, **kwargs):
        super().__init__(**kwargs)
        self.tokens = layers.Embedding(vocab_size, dim)
        self.positions = layers.Embedding(max_len, dim)

    def call(self, ids):
        return self.tokens(ids) + self.positions(keras.ops.arange(keras.ops.shape(ids)[-1]))


def transformer_block(x, causal, dim=32, heads=4, ff=64):
    """Self-attention + feed-forward, each with a residual connection and LayerNorm (post-LN, like BERT)."""
    attended = layers.MultiHeadAttention(num_heads=heads, key_dim=dim // heads)(x, x, use_causal_mask=causal)
    x = layers.LayerNormalization(epsilon=1e-12)(x + attended)
    hidden = layers.Dense(ff, activation="gelu")(x)
    return layers.LayerNormalization(epsilon=1e-12)(x + layers.Dense(dim)(hidden))


def tiny_transformer(vocab_size, causal, name):
    ids = keras.Input(shape=(None,), dtype="int32")
    x = TokenAndPosition(vocab_size, max_len=64, dim=32)(ids)
    for _ in range(2):
        x = transformer_block(x, causal)
    if causal:  # GPT: a language-model head scores every vocabulary entry at every position
        x = layers.Dense(vocab_size)(x)
    return keras.Model(ids, x, name=name)


# --8<-- [end:blocks]


# --8<-- [start:encoder]
# Encoder-only (BERT-like): bidirectional attention, one 32-d vector per token.
bert = tiny_transformer(wordpiece.get_vocab_size(), causal=False, name="tiny_bert")
cls, sep = wordpiece.token_to_id("[CLS]"), wordpiece.token_to_id("[SEP]")
ids = np.array([[cls, *wordpiece.encode("the cat sat on the mat").ids, sep]])
hidden = bert(ids)
print("BERT-like parameters:", bert.count_params(), "| output:", tuple(hidden.shape))

changed = ids.copy()
changed[0, -2] = wordpiece.token_to_id("dog")
print("BERT: [CLS] vector changed by a later token:", not np.allclose(hidden[0, 0], bert(changed)[0, 0]))
# --8<-- [end:encoder]

# --8<-- [start:decoder]
# Decoder-only (GPT-like): the same blocks with use_causal_mask=True, plus an LM head.
eot = bpe.token_to_id("<|endoftext|>")
vocab_size = bpe.get_vocab_size()
gpt = tiny_transformer(vocab_size, causal=True, name="tiny_gpt")
ids = np.array([bpe.encode("the cat sat on the").ids])
logits = gpt(ids)
loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(ids[:, 1:], logits[:, :-1])
print("GPT-like parameters:", gpt.count_params(), "| logits:", tuple(logits.shape))
print(f"untrained loss {float(loss):.2f} ~ ln(vocab) = {np.log(vocab_size):.2f}")

changed = ids.copy()
changed[0, -1] = bpe.token_to_id("a")
print("GPT: earlier positions changed by a later token:", not np.allclose(logits[0, :-1], gpt(changed)[0, :-1], atol=1e-6))


def greedy(model, prompt_ids, new_tokens=5):
    """Append the most likely next token, one at a time; stop at end-of-text."""
    ids = list(prompt_ids)
    for _ in range(new_tokens):
        next_id = int(tf.argmax(model(np.array([ids]))[0, -1]))
        if next_id == eot:
            break
        ids.append(next_id)
    return bpe.decode(ids[1:])


prompt = [eot, *bpe.encode("the dog").ids]  # <|endoftext|> starts a text
print("untrained greedy:", repr(greedy(gpt, prompt)))

# 60 steps of next-token training: inputs are tokens 0..n-1, targets are tokens 1..n.
rows = [[eot, *bpe.encode(s).ids, eot] for s in corpus]
width = max(map(len, rows))
batch = np.array([r + [eot] * (width - len(r)) for r in rows])
weights = np.array([[1.0] * (len(r) - 1) + [0.0] * (width - len(r)) for r in rows])  # 0 = padding
gpt.compile(optimizer=keras.optimizers.AdamW(1e-2), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
history = gpt.fit(batch[:, :-1], batch[:, 1:], sample_weight=weights, batch_size=len(rows), epochs=60, verbose=0)
print(f"loss after 60 steps: {history.history['loss'][-1]:.2f}")
print("trained greedy:  ", repr(greedy(gpt, prompt)))
# --8<-- [end:decoder]
