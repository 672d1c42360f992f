"""PyTorch: gradient accumulation, checkpointing, bf16 autocast and optimizer state, measured in bytes."""

import torch
from torch import nn
from torch.utils.checkpoint import checkpoint

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "cpu"  # this page's recording ran on the CPU


def make_model():
    torch.manual_seed(0)
    return nn.Sequential(
        nn.Linear(512, 1024), nn.GELU(), nn.Linear(1024, 1024), nn.GELU(), nn.Linear(1024, 10)
    ).to(device)


BATCH = 256
x = torch.randn(BATCH, 512, device=device)
y = torch.randint(0, 10, (BATCH,), device=device)


# --8<-- [start:accumulate]
def big_batch_grads(model):
    model.zero_grad()
    nn.functional.cross_entropy(model(x), y).backward()
    return [p.grad.clone() for p in model.parameters()]


def accumulated_grads(model, micro_batches, scale=True):
    model.zero_grad()
    for xb, yb in zip(x.chunk(micro_batches), y.chunk(micro_batches)):
        loss = nn.functional.cross_entropy(model(xb), yb)
        (loss / micro_batches if scale else loss).backward()  # .grad adds up across calls
    return [p.grad.clone() for p in model.parameters()]


model = make_model()
full = big_batch_grads(model)
accumulated = accumulated_grads(model, micro_batches=8)  # 8 micro-batches of 32 = one batch of 256
diff = max((a - b).abs().max().item() for a, b in zip(full, accumulated))
print(f"max |big batch - accumulated| = {diff:.1e} [sample]")
print("same gradients (max difference < 1e-6):", diff < 1e-6)
unscaled = accumulated_grads(model, micro_batches=8, scale=False)
print(f"forgot to divide the loss: gradients {unscaled[0].norm() / full[0].norm():.2f}x too large")
# --8<-- [end:accumulate]


# --8<-- [start:count]
def saved_activation_bytes(model, step):
    """Bytes of activations autograd keeps for the backward pass, counted by hooks."""
    saved, other = {}, {}

    def pack(t):  # called for every tensor saved for backward
        is_activation = t.dim() > 0 and t.shape[0] == BATCH  # not weights or their bf16 copies
        (saved if is_activation else other)[(t.data_ptr(), t.dtype)] = t.numel() * t.element_size()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        loss = step()
    loss.backward()
    model.extra_saved = sum(other.values())  # bf16 weight copies made by autocast, for instance
    return sum(saved.values())
# --8<-- [end:count]


# --8<-- [start:activations]
model = make_model()
blocks = [model[0:2], model[2:4], model[4:]]


def plain():
    return nn.functional.cross_entropy(model(x), y)


def checkpointed():  # keep only each block's input; rerun the block in backward
    h = x
    for block in blocks:
        h = checkpoint(block, h, use_reentrant=False)
    return nn.functional.cross_entropy(h, y)


def bf16():  # on a GPU: torch.autocast("cuda", dtype=torch.bfloat16) or float16 with a GradScaler
    with torch.autocast(device, dtype=torch.bfloat16):
        return nn.functional.cross_entropy(model(x), y)


base = saved_activation_bytes(model, plain)
ckpt = saved_activation_bytes(model, checkpointed)
half = saved_activation_bytes(model, bf16)
weight_copies = model.extra_saved
print(f"saved activations, float32:        {base:>9,} bytes")
print(f"  with checkpointing:              {ckpt:>9,} bytes ({base / ckpt:.1f}x less)")
print(f"  with bf16 autocast:              {half:>9,} bytes ({base / half:.1f}x less)")
print(f"  (autocast also saves bf16 copies of the weights: {weight_copies:,} bytes)")
# --8<-- [end:activations]


# --8<-- [start:optimizer]
def nbytes(tensors):
    return sum(t.numel() * t.element_size() for t in tensors)


def optimizer_state_bytes(optimizer):
    model.zero_grad()
    plain().backward()
    optimizer.step()  # state is created lazily, on the first step
    return nbytes(v for state in optimizer.state.values() for v in state.values() if torch.is_tensor(v))


param_bytes = nbytes(model.parameters())
print(f"parameters: {param_bytes:,} bytes, gradients: {param_bytes:,} bytes")
for name, opt in [
    ("SGD", torch.optim.SGD(model.parameters(), lr=0.01)),
    ("SGD(momentum=0.9)", torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)),
    ("Adam", torch.optim.Adam(model.parameters(), lr=1e-3)),
    ("Adafactor", torch.optim.Adafactor(model.parameters(), lr=1e-2)),
]:
    state = optimizer_state_bytes(opt)
    print(f"{name:18s} state: {state:>10,} bytes = {state / param_bytes:.2f}x the parameters")
# --8<-- [end:optimizer]

# --8<-- [start:peak]
# Bytes of one Adam training step, counted from the tensors above (what a GPU would hold).
adam_state = 2 * param_bytes
print("step total, fp32 + Adam:", f"{param_bytes * 2 + adam_state + base:,} bytes")
if torch.cuda.is_available():  # not run for this page's recording: it has no GPU
    torch.cuda.reset_peak_memory_stats()
    plain().backward()
    torch.cuda.synchronize()
    print(f"GPU peak allocated: {torch.cuda.max_memory_allocated():,} bytes [sample]")
# --8<-- [end:peak]
