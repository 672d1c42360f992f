"""PyTorch's nearest equivalents: Dataset + DataLoader for input, torch.compile for graph capture."""

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)

# Tiny data made in code: y = 3*x0 - 2*x1 + 1 plus a little noise.
rng = np.random.default_rng(0)
features = rng.normal(size=(64, 2)).astype("float32")
targets = (features @ np.array([3.0, -2.0], dtype="float32") + 1.0 + 0.1 * rng.normal(size=64)).astype("float32")


# --8<-- [start:data]
class RegressionData(Dataset):
    """Map-style dataset: __len__ plus __getitem__, with the per-example transform inside."""

    def __init__(self, x, y):
        self.x, self.y = torch.from_numpy(x), torch.from_numpy(y)
        self.mean, self.std = self.x.mean(dim=0), self.x.std(dim=0, correction=0)

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):  # plain Python, called once per example
        return (self.x[i] - self.mean) / self.std, self.y[i]


loader = DataLoader(
    RegressionData(features, targets),
    batch_size=16,
    shuffle=True,  # a new order every epoch
    generator=torch.Generator().manual_seed(0),  # ...reproducibly
    num_workers=0,  # real jobs: num_workers=4, pin_memory=True, persistent_workers=True
)
print("batches per epoch:", len(loader))
for epoch in range(2):
    xb, yb = next(iter(loader))  # a new iterator is a new epoch, with a new order
    print(f"epoch {epoch} batch {tuple(xb.shape)} {xb.dtype}, first targets: {[round(v, 2) for v in yb[:4].tolist()]}")
# --8<-- [end:data]

# --8<-- [start:compile]
graphs = 0


def counting_backend(gm, example_inputs):
    """A custom torch.compile backend: report each graph Dynamo captures, then run it as is."""
    global graphs
    graphs += 1
    kinds = ["SymInt" if isinstance(a, torch.SymInt) else f"Tensor{tuple(a.shape)}" for a in example_inputs]
    print(f"  Dynamo captured graph {graphs}, inputs: {kinds}")
    return gm.forward


def scaled_sum(x, scale):
    return x.sum() * scale


compiled = torch.compile(scaled_sum, backend=counting_backend)
calls = [
    ("float32 (2,), scale=2.0 tensor", torch.tensor([1.0, 2.0]), torch.tensor(2.0)),
    ("float32 (2,), new values", torch.tensor([3.0, 4.0]), torch.tensor(5.0)),
    ("float32 (3,), new shape", torch.tensor([1.0, 2.0, 3.0]), torch.tensor(2.0)),
    ("float32 (7,), another shape", torch.ones(7), torch.tensor(2.0)),
    ("python scale=2", torch.tensor([1.0, 2.0]), 2),
    ("python scale=3", torch.tensor([1.0, 2.0]), 3),
    ("python scale=2 again", torch.tensor([1.0, 2.0]), 2),
]
for label, x, scale in calls:
    result = compiled(x, scale).item()
    print(f"{label:32} -> {result:5.1f}  graphs so far: {graphs}")

# The real thing: the default backend is "inductor" (generates C++/Triton kernels). On this
# 2-core CPU its first compile takes over a minute, so the page uses "aot_eager": it runs
# Dynamo and AOTAutograd (forward + backward graphs) but executes with eager kernels.
square_sum = torch.compile(lambda t: (t * t).sum(), backend="aot_eager")
w = torch.tensor([1.0, 2.0], requires_grad=True)
square_sum(w).backward()
print("aot_eager result, grad through compiled code:", w.grad.tolist())
# --8<-- [end:compile]
