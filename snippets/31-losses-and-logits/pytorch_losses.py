"""PyTorch losses take logits: CrossEntropyLoss, BCEWithLogitsLoss, label smoothing, reduction, and the softmax-twice bug."""

import math

import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
logits = torch.tensor([[2.0, -1.0, 0.5], [0.1, 0.2, -3.0], [-0.5, 1.5, 0.3]])  # 3 samples, 3 classes
labels = torch.tensor([0, 2, 1])  # class indices (int64)

# --8<-- [start:api]
ce = nn.CrossEntropyLoss()  # log_softmax + nll_loss: expects raw scores (logits)
print(f"CrossEntropyLoss(logits, class indices):   {ce(logits, labels):.4f}")
one_hot = nn.functional.one_hot(labels, num_classes=3).float()
print(f"CrossEntropyLoss(logits, one-hot floats):  {ce(logits, one_hot):.4f}  (probability targets work too)")
print(f"same by hand, -mean(log_softmax[label]):  {-logits.log_softmax(1)[range(3), labels].mean():.4f}")
probs = logits.softmax(dim=1)
print(f"CrossEntropyLoss(probabilities, indices):  {ce(probs, labels):.4f}  (no error, no warning)")

smooth = nn.CrossEntropyLoss(label_smoothing=0.1)  # works with class indices
print(f"label_smoothing=0.1:                       {smooth(logits, labels):.4f}")
print(f"same with targets 0.9*one_hot + 0.1/3:     {ce(logits, 0.9 * one_hot + 0.1 / 3):.4f}")

print("reduction='none':", [round(v, 4) for v in nn.CrossEntropyLoss(reduction="none")(logits, labels).tolist()])
print(f"reduction='sum':  {nn.CrossEntropyLoss(reduction='sum')(logits, labels):.4f}")
class_weight = torch.tensor([1.0, 1.0, 4.0])
weighted = nn.CrossEntropyLoss(weight=class_weight)(logits, labels)
print(f"weight=[1, 1, 4], 'mean' = sum(w*loss)/sum(w): {weighted:.4f}")
print("ignore_index default:", nn.CrossEntropyLoss().ignore_index)
try:
    ce(logits, one_hot.long())
except RuntimeError as err:
    print("one-hot as int64 ->", type(err).__name__ + ":", err)
# --8<-- [end:api]

# --8<-- [start:binary]
binary_logits = torch.tensor([3.0, -2.0, 0.5])
targets = torch.tensor([1.0, 0.0, 0.0])  # floats, same shape as the logits
print(f"BCEWithLogitsLoss(logits):          {nn.BCEWithLogitsLoss()(binary_logits, targets):.4f}")
print(f"BCELoss(sigmoid(logits)):           {nn.BCELoss()(binary_logits.sigmoid(), targets):.4f}")
print(f"BCEWithLogitsLoss(sigmoid(logits)): {nn.BCEWithLogitsLoss()(binary_logits.sigmoid(), targets):.4f}  (silently wrong)")
try:
    nn.BCELoss()(binary_logits, targets)
except RuntimeError as err:
    print("BCELoss(logits) ->", type(err).__name__ + ":", err)
# --8<-- [end:binary]

# --8<-- [start:bug]
# Five overlapping Gaussian blobs in 8 dimensions, 800 samples (the Keras program makes the same).
rng = np.random.default_rng(0)
classes = 5
centers = rng.normal(size=(classes, 8))
y = rng.integers(0, classes, 800)
x = torch.from_numpy((centers[y] + rng.normal(size=(800, 8))).astype("float32"))
y = torch.from_numpy(y)


def train(softmax_in_model, optimizer_class=torch.optim.SGD, lr=0.1, epochs=5):
    torch.manual_seed(0)
    layers = [nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, classes)]
    model = nn.Sequential(*layers, nn.Softmax(dim=1)) if softmax_in_model else nn.Sequential(*layers)
    optimizer = optimizer_class(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()  # applies log_softmax itself
    order = torch.Generator().manual_seed(0)
    for _ in range(epochs):
        for batch in torch.randperm(len(x), generator=order).split(32):
            optimizer.zero_grad()
            loss = loss_fn(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()
    with torch.no_grad():
        out = model(x)
        probs = out if softmax_in_model else out.softmax(dim=1)
        reported = loss_fn(out, y).item()  # what the training loop prints
        true_ce = nn.functional.nll_loss(probs.log(), y).item()  # the real cross-entropy
        accuracy = (out.argmax(dim=1) == y).float().mean().item()
    return reported, true_ce, accuracy


for name, softmax_in_model in [("logits -> CrossEntropyLoss ", False), ("softmax -> CrossEntropyLoss", True)]:
    reported, true_ce, accuracy = train(softmax_in_model)
    print(f"{name}: reported loss {reported:.2f}, true cross-entropy {true_ce:.2f}, accuracy {accuracy:.2f}")  # ±0.02 on other CPUs
for name, softmax_in_model in [("Adam, logits  ", False), ("Adam, softmax ", True)]:
    reported, true_ce, accuracy = train(softmax_in_model, torch.optim.Adam, lr=0.01)
    print(f"{name}: reported loss {reported:.2f}, true cross-entropy {true_ce:.2f}, accuracy {accuracy:.2f}")  # ±0.02 on other CPUs
print(f"lowest loss softmax-twice can report with {classes} classes: log(1 + {classes - 1}/e) = {math.log(1 + (classes - 1) / math.e):.2f}")
# --8<-- [end:bug]
