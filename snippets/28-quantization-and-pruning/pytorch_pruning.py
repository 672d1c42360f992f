"""Pruning in PyTorch: torch.nn.utils.prune, what it does to the weights, the size and the speed."""

import copy
import io
import time
import zlib

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils import prune

torch.manual_seed(0)

# The synthetic task of question 27, the same data in both tabs.
rng = np.random.default_rng(0)
X = rng.standard_normal((6000, 20)).astype(np.float32)
y = (X[:, 0] * X[:, 1] + np.sin(2 * X[:, 2]) + X[:, 3] ** 2 - 1 + 0.5 * X[:, 4] > 0).astype(np.int64)
x_train, y_train, x_test, y_test = map(torch.from_numpy, (X[:5000], y[:5000], X[5000:], y[5000:]))


def train(model, steps, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    batches = torch.Generator().manual_seed(0)
    model.train()
    for _ in range(steps):
        idx = torch.randint(0, len(x_train), (256,), generator=batches)
        loss = F.cross_entropy(model(x_train[idx]), y_train[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model.eval()


@torch.no_grad()
def accuracy(model):
    return (model(x_test).argmax(1) == y_test).float().mean().item()


def saved_bytes(model):
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return len(buffer.getvalue()), len(zlib.compress(buffer.getvalue(), 9))


def best_ms(fn, repeats=20):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1e3 * min(times)


model = train(nn.Sequential(nn.Linear(20, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 2)), 600, 3e-3)
dense_bytes, dense_zlib = saved_bytes(model)
print(f"dense: accuracy {accuracy(model):.3f}, {dense_bytes} bytes saved, {dense_zlib} after zlib")  # ±0.5% on other CPUs

# --8<-- [start:mask]
# Unstructured magnitude pruning: zero the 90% of each layer's weights with the smallest |w|.
pruned = copy.deepcopy(model)
linears = [m for m in pruned if isinstance(m, nn.Linear)]
for layer in linears:
    prune.l1_unstructured(layer, name="weight", amount=0.9)

hidden = linears[1]
print("parameters:", [name for name, _ in hidden.named_parameters()], "| buffers:", [name for name, _ in hidden.named_buffers()])
print("weight == weight_orig * weight_mask:", torch.equal(hidden.weight, hidden.weight_orig * hidden.weight_mask))
print(f"sparsity {float((hidden.weight == 0).float().mean()):.1%} | accuracy right after pruning {accuracy(pruned):.3f}")  # ±0.02 on other CPUs
print(f"saved with masks: {saved_bytes(pruned)[0]} bytes (weight_orig + weight_mask: bigger than dense)")

train(pruned, 300, 1e-3)  # fine-tune: the mask keeps pruned weights at exactly zero
print(f"after fine-tuning: accuracy {accuracy(pruned):.3f}, zeros kept: {int((hidden.weight == 0).sum())} of {hidden.weight.numel()}")  # ±0.01 on other CPUs
for layer in linears:
    prune.remove(layer, "weight")  # bake the zeros into a plain `weight`, drop mask and hooks
raw, packed = saved_bytes(pruned)
print(f"after prune.remove: {raw} bytes saved (dense storage: no smaller), {packed} after zlib ({dense_zlib / packed:.1f}x smaller)")  # ±2.5% on other CPUs
# --8<-- [end:mask]

# --8<-- [start:sparse]
# Sparse storage keeps only non-zeros plus their positions; sparse kernels skip the zeros.
big = nn.Linear(2048, 2048, bias=False)
prune.l1_unstructured(big, "weight", amount=0.9)
prune.remove(big, "weight")
weight = big.weight.detach()
csr = weight.to_sparse_csr()
csr_bytes = sum(t.numel() * t.element_size() for t in (csr.values(), csr.col_indices(), csr.crow_indices()))
print(f"2048x2048 at 90% zeros: dense {weight.numel() * 4} bytes, CSR {csr_bytes} bytes")

inputs = torch.randn(2048, 64)
dense_weight = torch.randn(2048, 2048)
print("CSR result == dense result:", torch.allclose(csr @ inputs, weight @ inputs, atol=1e-4))
print(f"matmul, unpruned dense: {best_ms(lambda: dense_weight @ inputs):.2f} ms  [sample]")
print(f"matmul, pruned dense:   {best_ms(lambda: weight @ inputs):.2f} ms  [sample]")
print(f"matmul, pruned CSR:     {best_ms(lambda: csr @ inputs):.2f} ms  [sample]")
# --8<-- [end:sparse]

# --8<-- [start:structured]
# Structured pruning removes whole neurons: the layer really gets smaller, and faster.
structured = copy.deepcopy(model)
first, second = structured[0], structured[2]
prune.ln_structured(first, "weight", amount=0.5, n=2, dim=0)  # mask the 128 rows with smallest L2 norm
keep = first.weight_mask[:, 0].bool()
slim = copy.deepcopy(model)
slim[0] = nn.Linear(20, int(keep.sum()))
slim[2] = nn.Linear(int(keep.sum()), 256)
with torch.no_grad():
    slim[0].weight.copy_(first.weight_orig[keep])
    slim[0].bias.copy_(first.bias[keep])
    slim[2].weight.copy_(second.weight[:, keep])
    slim[2].bias.copy_(second.bias)
print(
    "first layer:",
    tuple(model[0].weight.shape),
    "->",
    tuple(slim[0].weight.shape),
    "| second:",
    tuple(model[2].weight.shape),
    "->",
    tuple(slim[2].weight.shape),
)
print(f"accuracy after removing half the neurons {accuracy(slim):.3f}, after fine-tuning {accuracy(train(slim, 300, 1e-3)):.3f}")  # ±0.02 on other CPUs
with torch.no_grad():
    print(f"forward, 1000 rows: full {best_ms(lambda: model(x_test)):.2f} ms, slim {best_ms(lambda: slim(x_test)):.2f} ms  [sample]")
# --8<-- [end:structured]
