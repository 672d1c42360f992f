"""Hugging Face Transformers v5 is PyTorch-only: its models are torch.nn.Modules."""

import torch
import transformers
from transformers import BertConfig, BertModel

torch.manual_seed(0)

# --8<-- [start:changed]
print("transformers", transformers.__version__.split(".")[0] + ".x")
# A tiny BERT built from a config (no download); from_pretrained("...") loads real weights.
config = BertConfig(
    vocab_size=100,
    hidden_size=16,
    num_hidden_layers=1,
    num_attention_heads=2,
    intermediate_size=32,
)
bert = BertModel(config).eval()
print("BertModel is a torch.nn.Module:", isinstance(bert, torch.nn.Module))
with torch.no_grad():
    out = bert(input_ids=torch.tensor([[1, 5, 7, 9, 2]]))
print("BERT output:", tuple(out.last_hidden_state.shape))
# --8<-- [end:changed]
