"""PyTorch: activation checkpointing, with saved-activation bytes counted by saved_tensors_hooks."""

import warnings

import torch
from torch import nn
from torch.utils.checkpoint import checkpoint

torch.manual_seed(0)

# --8<-- [start:model]
blocks = nn.ModuleList(
    nn.Sequential(nn.Linear(256, 256), nn.GELU(), nn.Linear(256, 256), nn.GELU()) for _ in range(8)
)
forward_calls = 0


def count_call(module, args):  # a pre-hook: the recomputation may stop before the block returns
    global forward_calls
    forward_calls += 1


for block in blocks:
    block.register_forward_pre_hook(count_call)
x = torch.randn(64, 256, requires_grad=True)  # one activation is 64 x 256 float32 = 65,536 bytes
# --8<-- [end:model]


# --8<-- [start:measure]
def train_step(use_checkpoint):
    """Forward + backward; returns the bytes saved for backward, forward calls and gradients."""
    global forward_calls
    forward_calls = 0
    parameters = {p.data_ptr() for p in blocks.parameters()}
    saved = {}

    def pack(t):  # called for every tensor autograd keeps for the backward pass
        if t.data_ptr() not in parameters:  # weights are stored anyway: count activations only
            saved[t.data_ptr()] = t.numel() * t.element_size()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        h = x
        for block in blocks:
            h = checkpoint(block, h, use_reentrant=False) if use_checkpoint else block(h)
    forward_passes = forward_calls
    blocks.zero_grad()
    h.square().mean().backward()  # recomputation happens here, block by block
    grads = [p.grad.clone() for p in blocks.parameters()]
    return sum(saved.values()), len(saved), forward_passes, forward_calls, grads


plain = train_step(use_checkpoint=False)
ckpt = train_step(use_checkpoint=True)
for name, (size, count, before, after, _) in [("no checkpointing", plain), ("checkpoint per block", ckpt)]:
    print(f"{name:21s}: {count:2d} activations saved, {size:>9,} bytes;"
          f" block forward calls {before} in forward, {after} after backward")
print(f"saved-activation memory: {plain[0] / ckpt[0]:.1f}x smaller with checkpointing")
print("gradients identical:", all(torch.equal(a, b) for a, b in zip(plain[4], ckpt[4])))
# --8<-- [end:measure]

# --8<-- [start:reentrant]
# use_reentrant must be passed: leaving it out still warns in PyTorch 2.14.
lin = nn.Linear(4, 4)
data = torch.randn(2, 4)  # an input that does not require grad, like a batch of data
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    out = checkpoint(lin, data)
print("no use_reentrant ->", caught[0].category.__name__ + ":", str(caught[0].message).split(". ")[0])
print("  and it still runs the reentrant variant: output requires_grad", out.requires_grad)

# The old reentrant variant drops the parameters' gradients when no input requires grad.
for reentrant in (True, False):
    lin.zero_grad(set_to_none=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # reentrant warns "None of the inputs have requires_grad=True"
        out = checkpoint(lin, data, use_reentrant=reentrant)
    if out.requires_grad:
        out.sum().backward()
    print(f"use_reentrant={reentrant}: output requires_grad {out.requires_grad}, weight.grad is None: {lin.weight.grad is None}")
# --8<-- [end:reentrant]
