"""PyTorch: freezing BatchNorm's parameters does not freeze its statistics; bn.eval() does."""

import torch
from torch import nn

torch.manual_seed(0)


def rounded(t):
    return [round(v, 4) for v in t.flatten().tolist()]


# --8<-- [start:frozen]
bn = nn.BatchNorm1d(1, momentum=0.1)
batch = torch.tensor([[1.0], [2.0], [3.0], [6.0]])
with torch.no_grad():
    bn(batch)  # one train-mode step: running mean 0.3, running var 1.3667

    bn.requires_grad_(False)  # "freeze" the layer: weight and bias get no gradients...
    mean_before = bn.running_mean.item()
    print("requires_grad=False, train mode:", rounded(bn(batch)), "(still batch statistics)")
    print("  running mean", round(mean_before, 4), "->", round(bn.running_mean.item(), 4), "(still updated)")

    bn.eval()  # ...the mode is separate: this is what switches to the running statistics
    mean_before = bn.running_mean.item()
    print("eval mode:                      ", rounded(bn(batch)))
    print("  running mean", round(mean_before, 4), "->", round(bn.running_mean.item(), 4))

# Fine-tuning recipe: model.train() resets every submodule, so re-freeze BN after each call.
model = nn.Sequential(nn.Linear(1, 1), bn)
model.train()
print("after model.train(): bn.training =", bn.training)
for module in model.modules():
    if isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d)):
        module.eval()
print("after re-freezing:   bn.training =", bn.training)
# --8<-- [end:frozen]
