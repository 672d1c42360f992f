"""What torch.no_grad() and torch.inference_mode() change, measured."""

import time
import warnings

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(256, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))
batch = torch.randn(64, 256)


def saved_for_backward(fn):
    """Run fn; count the activation bytes autograd keeps alive only for a later backward pass.

    Autograd also saves the input batch and (views of) the weights, but the caller holds those
    anyway; a tensor saved twice (a ReLU output is also the next Linear's input) counts once.
    """
    held = {p.untyped_storage().data_ptr() for p in model.parameters()} | {batch.untyped_storage().data_ptr()}
    saved = {}

    def pack(t):
        storage = t.untyped_storage()
        if storage.data_ptr() not in held:
            saved[storage.data_ptr()] = storage.nbytes()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        out = fn()
    return out, sum(saved.values())


# --8<-- [start:measure]
out, kept = saved_for_backward(lambda: model(batch))
print("grad mode:      requires_grad =", out.requires_grad, "| grad_fn =", type(out.grad_fn).__name__)
print(f"                activations kept for backward: {kept / 1024:.0f} KiB")

with torch.no_grad():
    out, kept = saved_for_backward(lambda: model(batch))
print("torch.no_grad:  requires_grad =", out.requires_grad, "| grad_fn =", out.grad_fn)
print(f"                activations kept for backward: {kept / 1024:.0f} KiB")


def best_of(fn, repeat=30):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def with_grad():
    model(batch).sum()


@torch.no_grad()  # also works as a decorator
def without_grad():
    model(batch).sum()


ratio = best_of(with_grad) / best_of(without_grad)
print(f"forward pass, grad mode / no_grad time: {ratio:.2f}x [sample]")
# --8<-- [end:measure]

# --8<-- [start:inference]
# inference_mode goes further: tensors made inside it can never join autograd later.
with torch.inference_mode():
    prediction = model(batch)
print("inference_mode: is_inference =", prediction.is_inference())
try:
    (prediction * torch.ones(10, requires_grad=True)).sum().backward()
except RuntimeError as err:
    print("using it in autograd ->", type(err).__name__ + ":", str(err).split(".")[0])

# Neither context changes layer behaviour: Dropout still drops until model.eval().
dropout = nn.Dropout(p=0.5)
with torch.no_grad():
    print("Dropout under no_grad, train mode zeros:", int((dropout(torch.ones(1000)) == 0).sum()))
    dropout.eval()
    print("Dropout under no_grad, eval mode zeros: ", int((dropout(torch.ones(1000)) == 0).sum()))
# --8<-- [end:inference]

# --8<-- [start:update]
# Inside training, no_grad is how you change parameters without recording the change.
weight = torch.tensor([1.0, -2.0], requires_grad=True)
loss = (weight**2).sum()
loss.backward()
with torch.no_grad():
    weight -= 0.1 * weight.grad  # a hand-written SGD step
print("after manual step:", [round(v, 4) for v in weight.tolist()], "| still a leaf:", weight.is_leaf)
try:
    weight -= 0.1 * weight.grad  # the same line with grad mode on
except RuntimeError as err:
    print("same update with grad mode on ->", type(err).__name__ + ":", str(err).split(".")[0])

# torch.set_grad_enabled switches on a condition, e.g. one loop for train and eval.
for is_training in (True, False):
    with torch.set_grad_enabled(is_training):
        print(f"set_grad_enabled({is_training}): output requires_grad =", model(batch[:1]).requires_grad)
# --8<-- [end:update]

# --8<-- [start:changed]
# Before PyTorch 0.4, inference used Variable(x, volatile=True). It now does nothing but warn.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    legacy = torch.autograd.Variable(batch, volatile=True)
print("volatile=True ->", caught[0].category.__name__ + ":", caught[0].message)
print("and the model still records:", model(legacy).requires_grad)
# --8<-- [end:changed]
