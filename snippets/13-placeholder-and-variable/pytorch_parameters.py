"""PyTorch's answer to tf.Variable: nn.Parameter (trained), buffers (not trained), requires_grad."""

import torch
from torch import nn

torch.manual_seed(0)


# --8<-- [start:parameter]
class Scaler(nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(2))  # trainable: registered in parameters()
        self.register_buffer("scale", torch.tensor(2.0))  # state, not trained: a buffer
        self.plain = torch.zeros(2)  # a plain tensor attribute: not tracked at all

    def forward(self, x):
        return self.scale * (x * self.weight).sum()


model = Scaler()
print("parameters():", [name for name, _ in model.named_parameters()])
print("buffers():", [name for name, _ in model.named_buffers()])
print("state_dict():", list(model.state_dict()))

loss = model(torch.tensor([1.0, 2.0]))
loss.backward()
print("weight.grad:", model.weight.grad.tolist(), "| scale requires_grad:", model.scale.requires_grad)

try:
    model.weight.add_(1.0)  # outside no_grad: autograd refuses
except RuntimeError as err:
    print("weight.add_(1.0) ->", type(err).__name__ + ":", err)
with torch.no_grad():  # in-place updates, like assign / assign_add
    model.weight.copy_(torch.tensor([3.0, 4.0]))
    model.weight.add_(1.0)
print("weight after copy_ + add_:", model.weight.tolist())

model.weight.requires_grad_(False)  # freezing a parameter: closest to trainable=False on a weight
print("trainable parameters after freezing:", [n for n, p in model.named_parameters() if p.requires_grad])
# --8<-- [end:parameter]

# --8<-- [start:tracking]
bn = nn.BatchNorm1d(3)
print("BatchNorm1d parameters:", [name for name, _ in bn.named_parameters()])
print("BatchNorm1d buffers:", [name for name, _ in bn.named_buffers()])
print("nn.Parameter is a Tensor subclass:", isinstance(model.weight, torch.Tensor))
# --8<-- [end:tracking]
