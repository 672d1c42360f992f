"""Tiny BERT-like (encoder) and GPT-like (decoder) models with Hugging Face transformers, offline."""

import torch
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
from transformers import BertConfig, BertModel, GPT2Config, GPT2LMHeadModel

torch.manual_seed(0)

# Setup: the tokenizers from the tokenizers program, trained on the same five sentences.
corpus = [
    "the cat sat on the mat",
    "the dog sat on the log",
    "a cat and a dog are friends",
    "transformers use attention to mix tokens",
    "attention lets every token look at other tokens",
]

# BERT-style WordPiece tokenizer, trained in memory (real use: AutoTokenizer.from_pretrained(...)).
wordpiece = Tokenizer(models.WordPiece(unk_token="[UNK]"))
wordpiece.normalizer = normalizers.BertNormalizer(lowercase=True)
wordpiece.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
wordpiece.train_from_iterator(
    corpus, trainers.WordPieceTrainer(vocab_size=80, special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"], show_progress=False)
)

# GPT-style byte-level BPE tokenizer with one special token for start/end of text.
bpe = Tokenizer(models.BPE())
bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
bpe.decoder = decoders.ByteLevel()
bpe.train_from_iterator(corpus, trainers.BpeTrainer(vocab_size=300, special_tokens=["<|endoftext|>"], show_progress=False))


# --8<-- [start:encoder]
# Encoder-only (BERT-like): bidirectional self-attention, one vector per token.
# Real use: BertModel.from_pretrained("google-bert/bert-base-uncased") (110M parameters).
bert_config = BertConfig(
    vocab_size=wordpiece.get_vocab_size(),
    hidden_size=32,
    num_hidden_layers=2,
    num_attention_heads=4,
    intermediate_size=64,
    max_position_embeddings=64,
    pad_token_id=wordpiece.token_to_id("[PAD]"),
)
bert = BertModel(bert_config).eval()
cls, sep = wordpiece.token_to_id("[CLS]"), wordpiece.token_to_id("[SEP]")
ids = torch.tensor([[cls, *wordpiece.encode("the cat sat on the mat").ids, sep]])
with torch.no_grad():
    out = bert(input_ids=ids, attention_mask=torch.ones_like(ids))
print("BERT parameters:", sum(p.numel() for p in bert.parameters()))
print("last_hidden_state:", tuple(out.last_hidden_state.shape), "| pooler_output:", tuple(out.pooler_output.shape))

# Bidirectional: changing the LAST token changes the FIRST token's vector too.
changed = ids.clone()
changed[0, -2] = wordpiece.token_to_id("dog")
with torch.no_grad():
    out2 = bert(input_ids=changed)
print("BERT: [CLS] vector changed by a later token:", not torch.allclose(out.last_hidden_state[0, 0], out2.last_hidden_state[0, 0]))
# --8<-- [end:encoder]

# --8<-- [start:decoder]
# Decoder-only (GPT-like): causal self-attention + a language-model head over the vocabulary.
# Real use: GPT2LMHeadModel.from_pretrained("openai-community/gpt2") (124M parameters).
eot = bpe.token_to_id("<|endoftext|>")
gpt_config = GPT2Config(
    vocab_size=bpe.get_vocab_size(),
    n_positions=64,
    n_embd=32,
    n_layer=2,
    n_head=4,
    bos_token_id=eot,  # ids must exist in the tiny vocabulary (GPT-2's default 50256 does not)
    eos_token_id=eot,
    pad_token_id=eot,
)
gpt = GPT2LMHeadModel(gpt_config).eval()
ids = torch.tensor([bpe.encode("the cat sat on the").ids])
with torch.no_grad():
    out = gpt(input_ids=ids, labels=ids)  # labels are shifted inside: predict token t+1 from 0..t
print("GPT parameters:", sum(p.numel() for p in gpt.parameters()))
print(
    "logits:",
    tuple(out.logits.shape),
    f"| untrained loss {out.loss.item():.2f} ~ ln(vocab) = {torch.log(torch.tensor(float(gpt_config.vocab_size))).item():.2f}",
)

# Causal: changing the LAST token leaves every earlier position's logits unchanged.
changed = ids.clone()
changed[0, -1] = bpe.token_to_id("a")
with torch.no_grad():
    logits2 = gpt(input_ids=changed).logits
print("GPT: earlier positions changed by a later token:", not torch.allclose(out.logits[0, :-1], logits2[0, :-1]))


# Greedy decoding appends the most likely next token, one at a time.
prompt = torch.tensor([[eot, *bpe.encode("the dog").ids]])  # <|endoftext|> starts a text
untrained = gpt.generate(prompt, attention_mask=torch.ones_like(prompt), max_new_tokens=5, do_sample=False)
print("untrained greedy:", repr(bpe.decode(untrained[0, 1:].tolist())))

# 60 steps of next-token training on the corpus (the GPT pre-training objective, in miniature).
rows = [[eot, *bpe.encode(s).ids, eot] for s in corpus]
width = max(map(len, rows))
batch = torch.tensor([r + [eot] * (width - len(r)) for r in rows])
mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows])
labels = batch.masked_fill(mask == 0, -100)  # -100 = ignored by the loss (padding)
optimizer = torch.optim.AdamW(gpt.parameters(), lr=1e-2)
gpt.train()
for _ in range(60):
    loss = gpt(input_ids=batch, attention_mask=mask, labels=labels).loss
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
gpt.eval()
trained = gpt.generate(prompt, attention_mask=torch.ones_like(prompt), max_new_tokens=5, do_sample=False)
print(f"loss after 60 steps: {loss.item():.2f}")
print("trained greedy:  ", repr(bpe.decode(trained[0, 1:].tolist())))
# --8<-- [end:decoder]
