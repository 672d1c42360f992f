"""PyTorch's Dataset and DataLoader: batching, seeded shuffling, padding with collate_fn, pin_memory."""

import warnings

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_sequence
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)
SENTENCES = [[5, 12], [7, 3, 9, 14, 2, 8], [4, 4, 11], [6, 1, 13, 2, 10], [3, 9, 9, 5, 7, 1], [8, 2, 6]]

# --8<-- [start:shuffle]
numbers = torch.arange(10)  # anything with __len__ and __getitem__ works as a map-style dataset


def loader(seed):
    return DataLoader(numbers, batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(seed))


first = loader(seed=42)
print("seed 42, epoch 1:", [b.tolist() for b in first])
print("seed 42, epoch 2:", [b.tolist() for b in first])  # same loader: a new order each epoch
print("new loader, seed 42, epoch 1:", [b.tolist() for b in loader(seed=42)])  # reproduced
print("new loader, seed 7,  epoch 1:", [b.tolist() for b in loader(seed=7)])
print("drop_last=True batch sizes:", [len(b) for b in DataLoader(numbers, batch_size=4, drop_last=True)])
# --8<-- [end:shuffle]


# --8<-- [start:dataset]
class Sentences(Dataset):
    """A map-style dataset: __len__ plus __getitem__(index) -> one sample."""

    def __init__(self, sentences):
        self.tokens = [torch.tensor(s) for s in sentences]
        self.labels = [int(len(s) > 4) for s in sentences]

    def __len__(self):
        return len(self.tokens)

    def __getitem__(self, index):
        return self.tokens[index], self.labels[index]


def pad_batch(batch):
    """collate_fn: a list of (tokens, label) samples -> padded tensor, true lengths, labels."""
    tokens, labels = zip(*batch)
    lengths = torch.tensor([len(t) for t in tokens])
    padded = pad_sequence(tokens, batch_first=True, padding_value=0)
    return padded, lengths, torch.tensor(labels)


# --8<-- [end:dataset]


# --8<-- [start:collate]
data = Sentences(SENTENCES)  # token ids of six sentences, 2 to 6 long
print("sample 1:", data[1][0].tolist(), "label", data[1][1], "| lengths:", [len(t) for t, _ in data])

try:  # the default collate_fn stacks samples, which needs equal shapes
    next(iter(DataLoader(data, batch_size=3)))
except RuntimeError as err:
    print("default collate ->", type(err).__name__ + ":", str(err).splitlines()[0])

padded, lengths, labels = next(iter(DataLoader(data, batch_size=3, collate_fn=pad_batch)))
print("padded batch:", tuple(padded.shape), padded.tolist())
print("lengths:", lengths.tolist(), "labels:", labels.tolist())
# An RNN can skip the padding: pack with the true lengths.
packed = pack_padded_sequence(padded, lengths, batch_first=True, enforce_sorted=False)
print("packed tokens:", packed.data.numel(), "of", padded.numel(), "padded positions")
# --8<-- [end:collate]

# --8<-- [start:pin]
if torch.cuda.is_available():
    # Page-locked host memory lets the host-to-GPU copy run asynchronously.
    gpu_loader = DataLoader(data, batch_size=3, collate_fn=pad_batch, pin_memory=True)
    for padded, _, labels in gpu_loader:
        padded = padded.to("cuda", non_blocking=True)  # returns at once; the copy overlaps compute
        labels = labels.to("cuda", non_blocking=True)
else:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        padded, _, _ = next(iter(DataLoader(data, batch_size=3, collate_fn=pad_batch, pin_memory=True)))
    print("CPU only: pinned?", padded.is_pinned(), "|", caught[0].category.__name__ + ":", caught[0].message)
# --8<-- [end:pin]
