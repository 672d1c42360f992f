"""keras.layers.LSTM / GRU: layouts, shapes, weight layout, and variable-length batches with masking."""

import keras
import numpy as np

keras.utils.set_random_seed(0)


def fixed(shape, k):
    """Deterministic weights, the same in the PyTorch program, so both print the same states."""
    return (np.sin(np.arange(np.prod(shape)) * 0.37 + k) * 0.5).reshape(shape).astype("float32")


def r(t):
    return np.round(keras.ops.convert_to_numpy(t).astype(float), 4).tolist()


# --8<-- [start:layouts]
N, T, F, H = 3, 5, 3, 2  # batch, time steps, features, hidden units
x0 = np.zeros((N, T, F), "float32")  # Keras is batch-major: (N, T, F), always
print("LSTM default output:", tuple(keras.layers.LSTM(H)(x0).shape), "(the last step only)")
out, h, c = keras.layers.LSTM(H, return_sequences=True, return_state=True)(x0)
print("return_sequences + return_state: out", tuple(out.shape), "h", tuple(h.shape), "c", tuple(c.shape))
bi = keras.layers.Bidirectional(keras.layers.LSTM(H, return_sequences=True))
print("Bidirectional(LSTM) out", tuple(bi(x0).shape), "(forward and backward concatenated)")
# --8<-- [end:layouts]

# --8<-- [start:weights]
lstm = keras.layers.LSTM(H)
lstm.build((None, T, F))
cell = lstm.cell  # columns: 4 gates x H, in the order i, f, c, o
print("LSTM kernel          ", tuple(cell.kernel.shape))
print("LSTM recurrent_kernel", tuple(cell.recurrent_kernel.shape))
print("LSTM bias            ", tuple(cell.bias.shape))
gru = keras.layers.GRU(H)
gru.build((None, T, F))
print("GRU reset_after default:", gru.cell.reset_after)
cell = gru.cell  # columns: 3 gates x H, in the order z, r, h
print("GRU  kernel          ", tuple(cell.kernel.shape))
print("GRU  recurrent_kernel", tuple(cell.recurrent_kernel.shape))
print("GRU  bias            ", tuple(cell.bias.shape), "(input bias, recurrent bias)")
print("LSTM parameters:", lstm.count_params())
print("LSTM initial bias (unit_forget_bias=True):", r(lstm.cell.bias))
# --8<-- [end:weights]

# --8<-- [start:padding]
# The same three token sequences (lengths 5, 3, 2), padded at the end with id 0.
ids = np.array([[3, 1, 4, 1, 5], [2, 6, 7, 0, 0], [5, 3, 0, 0, 0]])
table = fixed((8, F), 0.0)
table[0] = 0.0
# PyTorch weights ported: transpose each matrix, add the two biases; the gate order is the same.
lstm_weights = [fixed((4 * H, F), 1.0).T, fixed((4 * H, H), 2.0).T, fixed((4 * H,), 3.0) + fixed((4 * H,), 4.0)]


def model(tokens, mask_zero, between=None):
    emb = keras.layers.Embedding(8, F, mask_zero=mask_zero)
    rnn = keras.layers.LSTM(H, return_sequences=True, return_state=True)
    between = between or (lambda t: t)
    rnn(between(emb(tokens)))  # builds the layers
    emb.set_weights([table])
    rnn.set_weights(lstm_weights)
    out, h, _ = rnn(between(emb(tokens)))
    return out, h


out, h_wrong = model(ids, mask_zero=False)
print("wrong: final state without a mask:", r(h_wrong))
out, h_right = model(ids, mask_zero=True)
print("right: final state with mask_zero:", r(h_right))
print("sequence 3 (length 2) wrong vs right differ:", not np.allclose(r(h_wrong[2]), r(h_right[2])))
print("masked steps repeat the last real output:", r(out[2, :, 0]))

# Masking does the same for float features: steps where every feature equals mask_value are skipped.
masked = keras.layers.Masking(mask_value=0.0)
print("Masking mask for sequence 3:", keras.ops.convert_to_numpy(masked.compute_mask(table[ids]))[2].tolist())

# A layer without mask support between Embedding and LSTM drops the mask (with a UserWarning).
_, h_lost = model(ids, mask_zero=True, between=keras.layers.Lambda(lambda t: t * 1.0))
print("mask_zero, then a Lambda: final state equals the wrong one:", np.allclose(r(h_lost), r(h_wrong)))

# keras.utils.pad_sequences pads at the FRONT by default, so the last step is real. Without a
# mask that is closer, but the zeros still passed through the cell first: not the true state.
pre = keras.utils.pad_sequences([[3, 1, 4, 1, 5], [2, 6, 7], [5, 3]])
print("pad_sequences default (padding='pre'):", pre.tolist())
_, h_pre = model(pre, mask_zero=False)
print("pre-padded, no mask, final state:", r(h_pre))
print("pre-padded sequence 3 equals the right state:", np.allclose(r(h_pre[2]), r(h_right[2])))
# --8<-- [end:padding]

# --8<-- [start:gru_port]
# PyTorch GRU rows are (r, z, n); Keras GRU columns are (z, r, h): swap the first two blocks.
def reorder(a):
    r_, z_, n_ = np.split(a, 3, axis=0)
    return np.concatenate([z_, r_, n_], axis=0)


gru = keras.layers.GRU(H, return_state=True)  # reset_after=True: PyTorch's formula, two biases
masked_x = keras.layers.Embedding(8, F, mask_zero=True, embeddings_initializer=keras.initializers.Constant(table))(ids)
gru(masked_x)
gru.set_weights([
    reorder(fixed((3 * H, F), 5.0)).T,
    reorder(fixed((3 * H, H), 6.0)).T,
    np.stack([reorder(fixed((3 * H,), 7.0)), reorder(fixed((3 * H,), 8.0))]),
])
_, h_gru = gru(masked_x)
print("GRU final state (masked):", r(h_gru))
# --8<-- [end:gru_port]
