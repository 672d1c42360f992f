"""What model.train() and model.eval() change, numerically: Dropout and BatchNorm."""

import torch
from torch import nn

torch.manual_seed(0)

# --8<-- [start:layers]
# Dropout(p=0.5): train mode zeroes about half the values and scales the rest by 1/(1-p) = 2.
drop = nn.Dropout(p=0.5)
x = torch.ones(1, 8)
drop.train()
print("Dropout train:", drop(x).tolist()[0])
drop.eval()
print("Dropout eval: ", drop(x).tolist()[0], "(identity)")
drop.train()
print(f"train-mode mean over 100k ones: {drop(torch.ones(100_000)).mean().item():.3f} (the scaling keeps the expectation)")

# BatchNorm1d: train mode normalizes with the batch's statistics and updates the running ones.
bn = nn.BatchNorm1d(1, momentum=0.1, affine=False)  # running_mean=0, running_var=1 to start
batch = torch.tensor([[1.0], [2.0], [3.0], [6.0]])  # mean 3, biased var 3.5, unbiased var 4.667
bn.train()
print("BN train:", [round(v, 4) for v in bn(batch).flatten().tolist()], "= (x - 3) / sqrt(3.5)")
print(
    f"  running stats after 1 train step: mean {bn.running_mean.item():.4f} (= 0.9*0 + 0.1*3),"
    f" var {bn.running_var.item():.4f} (= 0.9*1 + 0.1*4.667)"
)
bn.eval()
print("BN eval: ", [round(v, 4) for v in bn(batch).flatten().tolist()], "= (x - 0.3) / sqrt(1.3667)")
print(f"  running stats after eval calls: mean {bn.running_mean.item():.4f}, var {bn.running_var.item():.4f} (unchanged)")
# --8<-- [end:layers]
