"""nn.LSTM / nn.GRU: layouts, shapes, weight layout, and variable-length batches with packing."""

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence

torch.manual_seed(0)


def fixed(shape, k):
    """Deterministic weights, the same in the Keras program, so both print the same states."""
    return torch.from_numpy((np.sin(np.arange(np.prod(shape)) * 0.37 + k) * 0.5).reshape(shape).astype("float32"))


def r(t):
    return np.round(t.detach().numpy().astype(float), 4).tolist()


# --8<-- [start:layouts]
N, T, F, H = 3, 5, 3, 2  # batch, time steps, features, hidden units
lstm = nn.LSTM(input_size=F, hidden_size=H)
print("nn.LSTM batch_first default:", lstm.batch_first)
out, (h_n, c_n) = lstm(torch.zeros(T, N, F))  # time-major: (T, N, F)
print("time-major  out", tuple(out.shape), "h_n", tuple(h_n.shape), "c_n", tuple(c_n.shape))
out, _ = lstm(torch.zeros(N, T, F))  # batch-major data into the default: no error
print("(N, T, F) into the default LSTM: out", tuple(out.shape), "= read as 3 steps of 5 sequences")
lstm_bf = nn.LSTM(F, H, batch_first=True)
out, (h_n, c_n) = lstm_bf(torch.zeros(N, T, F))  # batch-major: (N, T, F)
print("batch_first out", tuple(out.shape), "h_n", tuple(h_n.shape), "(h_n is never batch-first)")
deep = nn.LSTM(F, H, num_layers=2, bidirectional=True, batch_first=True)
out, (h_n, c_n) = deep(torch.zeros(N, T, F))
print("2 layers, bidirectional: out", tuple(out.shape), "h_n", tuple(h_n.shape), "(layers*directions, N, H)")
# --8<-- [end:layouts]

# --8<-- [start:weights]
for name, p in lstm.named_parameters():
    print(f"LSTM {name:13s} {tuple(p.shape)}")  # rows: 4 gates x H, in the order i, f, g, o
gru = nn.GRU(F, H)
for name, p in gru.named_parameters():
    print(f"GRU  {name:13s} {tuple(p.shape)}")  # rows: 3 gates x H, in the order r, z, n
print("LSTM parameters:", sum(p.numel() for p in lstm.parameters()))
k = 1 / H**0.5  # every weight and bias starts uniform in (-1/sqrt(H), 1/sqrt(H)); no forget-gate 1
print("all initial values within 1/sqrt(H):", all(p.abs().max() <= k for p in lstm.parameters()))
# --8<-- [end:weights]

# --8<-- [start:padding]
# Three token sequences of lengths 5, 3 and 2; pad_sequence pads at the END by default.
seqs = [torch.tensor([3, 1, 4, 1, 5]), torch.tensor([2, 6, 7]), torch.tensor([5, 3])]
ids = pad_sequence(seqs, batch_first=True)  # padding_value=0, padding_side="right"
lengths = torch.tensor([len(s) for s in seqs])
print("pad_sequence default:", ids.tolist())
emb = nn.Embedding(8, F, padding_idx=0)  # row 0 is zeros and gets no gradient
lstm = nn.LSTM(F, H, batch_first=True)
with torch.no_grad():
    emb.weight.copy_(fixed((8, F), 0.0))
    emb.weight[0] = 0.0
    lstm.weight_ih_l0.copy_(fixed((4 * H, F), 1.0))
    lstm.weight_hh_l0.copy_(fixed((4 * H, H), 2.0))
    lstm.bias_ih_l0.copy_(fixed((4 * H,), 3.0))
    lstm.bias_hh_l0.copy_(fixed((4 * H,), 4.0))
x = emb(ids)  # (N, T, F)

# Wrong: run the padded batch as it is. The last time step of a short sequence is padding.
out, (h_wrong, _) = lstm(x)
print("wrong: out[:, -1] of the padded batch:", r(out[:, -1]))

# Right: pack, so the LSTM stops at each sequence's length; h_n is then the last real step.
packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
packed_out, (h_n, _) = lstm(packed)
print("right: h_n of the packed batch:        ", r(h_n[0]))
print("sequence 3 (length 2) wrong vs right differ:", not torch.allclose(out[2, -1], h_n[0, 2]))
alone, (h_alone, _) = lstm(x[2:3, :2])  # sequence 3 alone, unpadded
print("packed h_n equals sequence 3 run alone:", torch.allclose(h_n[0, 2], h_alone[0, 0], atol=1e-6))

try:  # enforce_sorted=True, the default, wants lengths in decreasing order
    pack_padded_sequence(x.flip(0), lengths.flip(0), batch_first=True)
except RuntimeError as e:
    print("enforce_sorted default:", type(e).__name__ + ":", str(e).split(". ")[0])

padded_out, out_lengths = pad_packed_sequence(packed_out, batch_first=True)
print("pad_packed_sequence:", tuple(padded_out.shape), "lengths", out_lengths.tolist())
print("outputs past each length are zeros:", r(padded_out[2, :, 0]))
last = padded_out[torch.arange(N), lengths - 1]  # or gather the last real step by hand
print("output at lengths-1 equals h_n:", torch.allclose(last, h_n[0]))
# --8<-- [end:padding]

# --8<-- [start:gru_port]
gru = nn.GRU(F, H, batch_first=True)
with torch.no_grad():
    gru.weight_ih_l0.copy_(fixed((3 * H, F), 5.0))  # gate blocks r, z, n
    gru.weight_hh_l0.copy_(fixed((3 * H, H), 6.0))
    gru.bias_ih_l0.copy_(fixed((3 * H,), 7.0))
    gru.bias_hh_l0.copy_(fixed((3 * H,), 8.0))
_, h_gru = gru(pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False))
print("GRU h_n (packed):", r(h_gru[0]))
# --8<-- [end:gru_port]
