"""What model.eval() does not change: autograd still records. That is torch.no_grad's job."""

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 1))
x = torch.randn(16, 4)

# --8<-- [start:gradients]
model.eval()  # same as model.train(False): sets .training on every submodule
flags = [m.training for m in model.modules()]
print(f".training on all {len(flags)} modules (the Sequential and its children):", set(flags))
print("parameters still require grad:", all(p.requires_grad for p in model.parameters()))

out = model(x)
print("eval output requires_grad:", out.requires_grad, "| grad_fn:", type(out.grad_fn).__name__)
out.sum().backward()  # works: a graph was recorded in eval mode
print("gradient reached the first layer:", model[0].weight.grad is not None)

with torch.no_grad():  # this is what turns recording off (or torch.inference_mode())
    out = model(x)
print("under no_grad: requires_grad:", out.requires_grad, "| grad_fn:", out.grad_fn)
# --8<-- [end:gradients]
