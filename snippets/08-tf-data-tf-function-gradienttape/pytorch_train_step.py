"""The PyTorch training step: DataLoader batches, autograd gradients, an optimizer step, in a plain loop."""

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)

# Tiny data made in code: y = 3*x0 - 2*x1 + 1 plus a little noise.
rng = np.random.default_rng(0)
features = rng.normal(size=(64, 2)).astype("float32")
targets = (features @ np.array([3.0, -2.0], dtype="float32") + 1.0 + 0.1 * rng.normal(size=64)).astype("float32")


# The same Dataset and DataLoader as pytorch_pipeline.py.
class RegressionData(Dataset):
    def __init__(self, x, y):
        self.x, self.y = torch.from_numpy(x), torch.from_numpy(y)
        self.mean, self.std = self.x.mean(dim=0), self.x.std(dim=0, correction=0)

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return (self.x[i] - self.mean) / self.std, self.y[i]


loader = DataLoader(
    RegressionData(features, targets),
    batch_size=16,
    shuffle=True,  # a new order every epoch
    generator=torch.Generator().manual_seed(0),  # ...reproducibly
    num_workers=0,  # real jobs: num_workers=4, pin_memory=True, persistent_workers=True
)

# --8<-- [start:train]
model = nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = nn.MSELoss()

for epoch in range(6):
    losses = []
    for x, y in loader:
        pred = model(x).squeeze(-1)  # autograd records this forward pass
        loss = loss_fn(pred, y)
        optimizer.zero_grad()  # gradients accumulate unless cleared
        loss.backward()  # reverse-mode autodiff into each parameter's .grad
        optimizer.step()
        losses.append(loss.item())
    print(f"epoch {epoch}: mean loss {np.mean(losses):.4f}")
# The noise added to the targets has variance 0.01: that is the floor the loss approaches.
# --8<-- [end:train]
