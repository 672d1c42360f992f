"""Custom nn.Modules: nn.Parameter and buffers, and what breaks when sub-modules and tensors are not registered."""

import io

import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(64, 4)
y = x @ torch.tensor([[1.0], [-2.0], [0.5], [3.0]])  # a linear target to fit


# --8<-- [start:layer]
class ScaledLinear(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()  # must run before any attribute is assigned
        # Shapes are given up front: the parameters exist as soon as the module does.
        self.weight = nn.Parameter(torch.randn(out_features, in_features) * in_features**-0.5)
        self.scale = nn.Parameter(torch.ones(()))
        self.register_buffer("calls", torch.zeros(()))  # state, saved and moved, but no gradient

    def forward(self, inputs):
        self.calls += 1
        return self.scale * (inputs @ self.weight.T)


layer = ScaledLinear(4, 3)
print("parameters:", [name for name, _ in layer.named_parameters()])
print("buffers:   ", [name for name, _ in layer.named_buffers()])
print("state_dict:", list(layer.state_dict()))

lazy = nn.LazyLinear(3)  # the Keras-style alternative: in_features inferred on the first call
print("LazyLinear before a call:", type(lazy.weight).__name__)
lazy(x)
print("LazyLinear after a call: ", type(lazy.weight).__name__, tuple(lazy.weight.shape))
# --8<-- [end:layer]


# --8<-- [start:registration]
class Net(nn.Module):
    def __init__(self, registered):
        super().__init__()
        blocks = [nn.Linear(4, 4) for _ in range(2)]
        # The bug: a plain list hides its modules; a plain tensor is not a parameter.
        self.blocks = nn.ModuleList(blocks) if registered else blocks
        self.gain = nn.Parameter(torch.ones(1)) if registered else torch.ones(1, requires_grad=True)
        self.head = nn.Linear(4, 1)

    def forward(self, inputs):
        for block in self.blocks:
            inputs = torch.tanh(block(inputs))
        return self.head(inputs) * self.gain


for registered in (False, True):
    torch.manual_seed(0)
    net = Net(registered)
    label = "ModuleList + Parameter" if registered else "list + tensor         "
    block0, gain = net.blocks[0].weight.detach().clone(), net.gain.detach().clone()
    optimizer = torch.optim.Adam(net.parameters(), lr=0.05)  # sees only registered parameters
    for _ in range(200):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(net(x), y)
        loss.backward()
        optimizer.step()
    print(f"{label}: {len(list(net.parameters()))} parameter tensors, state_dict {list(net.state_dict())}")
    print(f"{label}: blocks trained {not torch.equal(block0, net.blocks[0].weight)}, gain trained {not torch.equal(gain, net.gain)}")
    print(f"{label}: loss after 200 steps {loss.item():.3f}")  # ±0.01 on other CPUs
# --8<-- [end:registration]

# --8<-- [start:consequences]
broken, fixed = Net(registered=False), Net(registered=True)

# state_dict silently leaves the hidden parts out: a save/load round trip loses them.
buffer = io.BytesIO()
torch.save(broken.state_dict(), buffer)
buffer.seek(0)
copy = Net(registered=False)
copy.load_state_dict(torch.load(buffer))
print("broken model after a save/load round trip, same outputs:", torch.allclose(broken(x), copy(x)))

# strict loading notices the mismatch when the keys differ.
try:
    Net(registered=False).load_state_dict(fixed.state_dict())
except RuntimeError as err:
    print("load_state_dict ->", " ".join(str(err).split())[:100], "...")

# .to(), .double(), .cuda() move only what is registered.
try:
    broken.double()(x.double())
except RuntimeError as err:
    print("broken.double() ->", type(err).__name__ + ":", err)
print("fixed.double() ->", fixed.double()(x.double()).dtype)

# eval() does not reach hidden modules either (it matters for Dropout and BatchNorm).
broken.eval()
print("after broken.eval(): head.training =", broken.head.training, "| blocks[0].training =", broken.blocks[0].training)
# --8<-- [end:consequences]

# --8<-- [start:errors]
class Hidden(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = [nn.Linear(4, 4)]  # nothing registered at all


try:
    torch.optim.SGD(Hidden().parameters(), lr=0.1)
except ValueError as err:
    print("optimizer over no parameters ->", type(err).__name__ + ":", err)


class EarlyAssign(nn.Module):
    def __init__(self):
        self.layer = nn.Linear(4, 4)  # before super().__init__()
        super().__init__()


try:
    EarlyAssign()
except AttributeError as err:
    print("assignment before super().__init__() ->", type(err).__name__ + ":", err)

# An optimizer copies the parameter list when it is created: a head replaced later is not in it.
net = Net(registered=True)
optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
net.head = nn.Linear(4, 1)
head_before = net.head.weight.detach().clone()
nn.functional.mse_loss(net(x), y).backward()
optimizer.step()
print("head replaced after the optimizer was built, trained:", not torch.equal(head_before, net.head.weight))
# --8<-- [end:errors]
