"""The classic bug: evaluating a model that is still in train mode."""

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 1))
x = torch.randn(16, 4)
with torch.no_grad():
    for _ in range(20):  # "training": let the running stats see some batches
        model(torch.randn(32, 4) * 2 + 1)


def rounded(t):
    return [round(v, 3) for v in t.flatten().tolist()]


# --8<-- [start:bug]
sample = x[:4]
with torch.no_grad():
    model.train()  # forgot model.eval()
    stats_before = model[1].running_mean.clone()

    # 1. Dropout is random: the same input gives different predictions.
    print("train mode, same input twice:", rounded(model(sample)), "vs", rounded(model(sample)))

    # 2. BatchNorm uses the batch's statistics: a sample's output depends on its batchmates.
    hidden = model[0](sample)
    print(
        "train mode, BN output of sample 0 in a batch of 2 vs 4:",
        rounded(model[1](hidden[:2])[0, :3]),
        "vs",
        rounded(model[1](hidden)[0, :3]),
    )

    # 3. Every such call also moves the running statistics towards the evaluation data.
    print("running_mean changed by the 'evaluation':", not torch.equal(stats_before, model[1].running_mean))

    # 4. A batch of one has no batch variance: BatchNorm refuses in train mode.
    try:
        model(sample[:1])
    except ValueError as err:
        print("train mode, batch of 1 ->", type(err).__name__ + ":", err)

    model.eval()  # the fix
    print("eval mode, same input twice: ", rounded(model(sample)), "vs", rounded(model(sample)))
    print("eval mode, sample 0 alone vs in a batch of 4:", rounded(model(sample[:1])), "vs", rounded(model(sample)[:1]))
# --8<-- [end:bug]
