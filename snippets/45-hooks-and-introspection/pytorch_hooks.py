"""PyTorch hooks: forward hooks to read or replace outputs, backward hooks, tensor gradient hooks."""

import warnings

import numpy as np
import torch
from torch import nn

torch.manual_seed(0)


def fixed(shape, scale, fn=np.sin):
    """Deterministic weights, the same numbers as the Keras program's (Keras kernels are transposed)."""
    return torch.tensor(scale * fn(np.arange(np.prod(shape))).reshape(shape), dtype=torch.float32)


model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
with torch.no_grad():
    model[0].weight.copy_(fixed((4, 8), 0.5).T)
    model[0].bias.copy_(fixed((8,), 0.1, np.cos))
    model[2].weight.copy_(fixed((8, 3), 0.5).T)
    model[2].bias.copy_(fixed((3,), 0.1, np.cos))
x = torch.linspace(-1, 1, 8).reshape(2, 4)

# --8<-- [start:forward]
activations = {}


def save_output(name):
    def hook(module, inputs, output):  # inputs is a tuple of the positional arguments
        activations[name] = output.detach()  # detach: keep the value, not the autograd graph

    return hook


handles = [module.register_forward_hook(save_output(name)) for name, module in model.named_children()]
out = model(x)
for name, act in activations.items():
    print(f"layer {name} ({type(model[int(name)]).__name__}): shape {tuple(act.shape)}, sum {act.sum().item():.4f}")

for handle in handles:  # a hook stays until its handle is removed
    handle.remove()
activations.clear()
model(x)
print("after handle.remove():", len(activations), "activations captured")

# A forward hook that returns a value replaces the module's output.
clamp = model[1].register_forward_hook(lambda module, inputs, output: output.clamp(max=0.1))
print(f"output sum with the clamping hook {model(x).sum().item():.4f} vs without {out.sum().item():.4f}")
clamp.remove()
# --8<-- [end:forward]

# --8<-- [start:backward]
seen = {}


def save_grads(module, grad_input, grad_output):  # tuples: d loss / d inputs, d loss / d outputs
    seen["grad_output"] = grad_output[0].detach()
    seen["grad_input"] = grad_input[0].detach()


handle = model[1].register_full_backward_hook(save_grads)
model(x).sum().backward()
handle.remove()
print(f"ReLU grad_output: shape {tuple(seen['grad_output'].shape)}, sum {seen['grad_output'].sum().item():.4f}")
print(f"ReLU grad_input:  shape {tuple(seen['grad_input'].shape)}, sum {seen['grad_input'].sum().item():.4f}")

# A hook on a tensor sees the gradient flowing into it, and may return a replacement.
y = torch.tensor([1.0, 2.0], requires_grad=True)
z = y * 3
z.register_hook(lambda grad: grad * 0.5)  # halve the gradient on its way back
z.sum().backward()
print("y.grad with the halving hook:", y.grad.tolist(), "(3.0 each without it)")
# --8<-- [end:backward]

# --8<-- [start:changed]
# register_backward_hook (the pre-1.8 API) hooks only the LAST autograd op of forward().
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(4, 3)

    def forward(self, inputs):
        return torch.relu(self.linear(inputs)) * 2  # three autograd ops


shapes = {}
for kind in ("register_full_backward_hook", "register_backward_hook"):
    block = Block()
    getattr(block, kind)(lambda m, gin, gout, kind=kind: shapes.update({kind: [None if g is None else tuple(g.shape) for g in gin]}))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        block(torch.randn(2, 4, requires_grad=True)).sum().backward()
    for warning in caught:
        print(f"{kind}: {warning.category.__name__}: {warning.message}")
    print(f"{kind}: grad_input shapes {shapes[kind]}")
# --8<-- [end:changed]

# --8<-- [start:compile]
# Hooks and torch.compile: a hook present when the model is compiled is traced into the graph.
# A hook added later to a model compiled without hooks is silently skipped: Dynamo does not
# guard on hooks by default (adding or removing one on a model that already had hooks recompiles).
fired = []
with_hook = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
with_hook[1].register_forward_hook(lambda module, inputs, output: fired.append("registered before compile"))
torch.compile(with_hook, backend="eager")(torch.ones(1, 2))  # "eager": Dynamo tracing, no codegen

without_hook = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
compiled = torch.compile(without_hook, backend="eager")
compiled(torch.ones(1, 2))
without_hook[1].register_forward_hook(lambda module, inputs, output: fired.append("registered after compile"))
compiled(torch.ones(1, 2))
print("hooks that fired:", fired)
print("torch._dynamo.config.skip_nnmodule_hook_guards =", torch._dynamo.config.skip_nnmodule_hook_guards)
# --8<-- [end:compile]
