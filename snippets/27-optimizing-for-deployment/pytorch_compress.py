"""Quantization, pruning and distillation applied to one small PyTorch model, measured."""

import copy
import io
import time
import zlib

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils import prune
from torchao.quantization import Int8DynamicActivationInt8WeightConfig, Int8WeightOnlyConfig, quantize_

torch.manual_seed(0)

# The same synthetic task in both tabs: 20 features, a non-linear rule decides the class.
rng = np.random.default_rng(0)
X = rng.standard_normal((6000, 20)).astype(np.float32)
y = (X[:, 0] * X[:, 1] + np.sin(2 * X[:, 2]) + X[:, 3] ** 2 - 1 + 0.5 * X[:, 4] > 0).astype(np.int64)
x_train, y_train, x_test, y_test = map(torch.from_numpy, (X[:5000], y[:5000], X[5000:], y[5000:]))


def mlp(width):
    return nn.Sequential(nn.Linear(20, width), nn.ReLU(), nn.Linear(width, width), nn.ReLU(), nn.Linear(width, 2))


def train(model, steps, lr, loss_fn=F.cross_entropy, teacher_logits=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    batches = torch.Generator().manual_seed(0)
    model.train()
    for _ in range(steps):
        idx = torch.randint(0, len(x_train), (256,), generator=batches)
        extra = () if teacher_logits is None else (teacher_logits[idx],)
        loss = loss_fn(model(x_train[idx]), y_train[idx], *extra)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model.eval()


def file_bytes(model):
    """Size of the saved state_dict, exactly, and after zlib compression."""
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    data = buffer.getvalue()
    return len(data), len(zlib.compress(data, 9))


@torch.no_grad()
def accuracy(model):
    return (model(x_test).argmax(1) == y_test).float().mean().item()


@torch.no_grad()
def latency_ms(model, repeats=30):
    model(x_test)  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        model(x_test)
        times.append(time.perf_counter() - start)
    return 1e3 * min(times)  # the least-disturbed run


teacher = train(mlp(256), steps=600, lr=3e-3)
variants = {"float32 (baseline)": teacher}

# --8<-- [start:quantize]
# Quantization (torchao, the current PyTorch API): int8 weights, float activations...
int8_weights = copy.deepcopy(teacher)
quantize_(int8_weights, Int8WeightOnlyConfig())
variants["int8 weight-only"] = int8_weights

# ...or int8 weights AND int8 activations (quantized on the fly, per batch).
int8_dynamic = copy.deepcopy(teacher)
quantize_(int8_dynamic, Int8DynamicActivationInt8WeightConfig())
variants["int8 dynamic"] = int8_dynamic
# --8<-- [end:quantize]

# --8<-- [start:prune]
# Pruning: zero the 80% smallest weights of each Linear, fine-tune with the mask, make it permanent.
pruned = copy.deepcopy(teacher)
layers = [m for m in pruned if isinstance(m, nn.Linear)]
for layer in layers:
    prune.l1_unstructured(layer, name="weight", amount=0.8)
train(pruned, steps=200, lr=1e-3)  # the mask keeps pruned weights at zero while the rest adapt
for layer in layers:
    prune.remove(layer, "weight")  # weight = weight_orig * mask, stored as a plain dense tensor
zeros = sum(int((layer.weight == 0).sum()) for layer in layers)
print(f"pruned: {zeros / sum(layer.weight.numel() for layer in layers):.0%} of weights are zero")
variants["pruned 80%"] = pruned
# --8<-- [end:prune]


# --8<-- [start:distill]
# Distillation: a 16-unit student learns from the teacher's softened outputs and the labels.
def distillation_loss(student_logits, labels, teacher_logits, temperature=4.0, alpha=0.5):
    soft = F.kl_div(
        F.log_softmax(student_logits / temperature, dim=1),
        F.softmax(teacher_logits / temperature, dim=1),
        reduction="batchmean",
    )
    return alpha * temperature**2 * soft + (1 - alpha) * F.cross_entropy(student_logits, labels)


with torch.no_grad():
    teacher_logits = teacher(x_train)
torch.manual_seed(1)
student = train(mlp(16), steps=800, lr=1e-2, loss_fn=distillation_loss, teacher_logits=teacher_logits)
variants["distilled student"] = student
torch.manual_seed(1)
print(f"same student trained on labels only: accuracy {accuracy(train(mlp(16), steps=800, lr=1e-2)):.3f}")  # ±0.01 on other CPUs
# --8<-- [end:distill]

# --8<-- [start:table]
base_bytes, _ = file_bytes(teacher)
with torch.no_grad():
    base_pred = teacher(x_test).argmax(1)
print(f"{'variant':<20}{'bytes':>9}{'zlib':>9}{'smaller':>9}{'accuracy':>10}{'agrees':>8}")
for name, model in variants.items():
    raw, packed = file_bytes(model)
    with torch.no_grad():
        agree = (model(x_test).argmax(1) == base_pred).float().mean().item()
    print(f"{name:<20}{raw:>9}{packed:>9}{base_bytes / raw:>8.1f}x{accuracy(model):>10.3f}{agree:>8.1%}")  # ±1.5% on other CPUs
print("latency for 1000 rows, 1 CPU thread, best of 30:")
for name, model in variants.items():
    print(f"  {name:<20}{latency_ms(model):.2f} ms  [sample]")
# --8<-- [end:table]
