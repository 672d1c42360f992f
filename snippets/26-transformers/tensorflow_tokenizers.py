"""Train BERT-style WordPiece and GPT-style BPE tokenizers in memory, then batch to tensors."""

import tensorflow as tf
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

# --8<-- [start:tokenizers]
corpus = [
    "the cat sat on the mat",
    "the dog sat on the log",
    "a cat and a dog are friends",
    "transformers use attention to mix tokens",
    "attention lets every token look at other tokens",
]

# BERT-style WordPiece (real use: AutoTokenizer.from_pretrained("google-bert/bert-base-uncased")).
wordpiece = Tokenizer(models.WordPiece(unk_token="[UNK]"))
wordpiece.normalizer = normalizers.BertNormalizer(lowercase=True)
wordpiece.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
wordpiece.decoder = decoders.WordPiece()
specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
# The trainer breaks ties between equally frequent pairs in hash order, so on a corpus this small
# the learned subwords can change between runs; words seen whole in the corpus encode the same.
wordpiece.train_from_iterator(corpus, trainers.WordPieceTrainer(vocab_size=200, special_tokens=specials, show_progress=False))

# GPT-style byte-level BPE with one special token that starts and ends a text.
bpe = Tokenizer(models.BPE())
bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
bpe.decoder = decoders.ByteLevel()
bpe.train_from_iterator(corpus, trainers.BpeTrainer(vocab_size=300, special_tokens=["<|endoftext|>"], show_progress=False))

print("WordPiece:", wordpiece.encode("the cats looked at tokens").tokens, "| vocab", wordpiece.get_vocab_size())
print("BPE:      ", bpe.encode("the cats looked at tokens").tokens, "| vocab", bpe.get_vocab_size())
# --8<-- [end:tokenizers]

# --8<-- [start:batch]
# BERT's input format: [CLS] text [SEP], padded to the longest text, plus an attention mask.
cls, sep, pad = (wordpiece.token_to_id(t) for t in ("[CLS]", "[SEP]", "[PAD]"))
wordpiece.post_processor = processors.TemplateProcessing(single="[CLS] $A [SEP]", special_tokens=[("[CLS]", cls), ("[SEP]", sep)])
wordpiece.enable_padding(pad_id=pad, pad_token="[PAD]")
encodings = wordpiece.encode_batch(["the cat sat", "the dog sat on the mat"])
batch_ids = [e.ids for e in encodings]
batch_mask = [e.attention_mask for e in encodings]
input_ids, attention_mask = tf.constant(batch_ids), tf.constant(batch_mask)
print(encodings[0].tokens)
print("input_ids:", tuple(input_ids.shape), input_ids.dtype.name, "| attention_mask row 0:", batch_mask[0])
print("decode:", repr(wordpiece.decode(batch_ids[1])))
# --8<-- [end:batch]
