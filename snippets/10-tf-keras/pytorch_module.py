"""PyTorch's nearest equivalent of tf.keras: nn.Module (plus nn.Sequential) and a plain training loop."""

import numpy as np
import torch
from torch import nn

torch.manual_seed(0)

# --8<-- [start:which]
print("torch", torch.__version__.split("+")[0], "| no built-in fit(): torch.nn builds models, you write the loop")
# --8<-- [end:which]

# Tiny data made in code: three Gaussian blobs in 2-D, shuffled, split 180 / 60 (same as the TF program).
rng = np.random.default_rng(0)
centers = np.array([[0.0, 0.0], [2.0, 2.0], [0.0, 2.5]])
labels = np.repeat(np.arange(3), 80)
points = (centers[labels] + rng.normal(scale=0.8, size=(240, 2))).astype("float32")
order = rng.permutation(240)
x_train, y_train = torch.from_numpy(points[order[:180]]), torch.from_numpy(labels[order[:180]])
x_val, y_val = torch.from_numpy(points[order[180:]]), torch.from_numpy(labels[order[180:]])


# --8<-- [start:build]
# nn.Sequential is the counterpart of keras.Sequential; input sizes are explicit (no Input layer).
sequential = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 3))


# Subclassing nn.Module is the everyday style, like a subclassed keras.Model.
class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(2, 16)
        self.out = nn.Linear(16, 3)

    def forward(self, x):  # forward() plays the role of Keras' call()
        return self.out(torch.relu(self.hidden(x)))


model = Classifier()
for name, m in (("nn.Sequential", sequential), ("nn.Module", model)):
    print(f"{name:13} params: {sum(p.numel() for p in m.parameters())}")
# --8<-- [end:build]

# --8<-- [start:train]
optimizer = torch.optim.Adam(model.parameters(), lr=0.03)  # compile() -> pick these yourself
loss_fn = nn.CrossEntropyLoss()  # takes logits, like from_logits=True
generator = torch.Generator().manual_seed(0)

best_loss, best_epoch, best_state, patience = float("inf"), 0, None, 5
for epoch in range(200):  # fit() -> this loop
    model.train()
    losses = []
    for idx in torch.randperm(len(x_train), generator=generator).split(32):
        loss = loss_fn(model(x_train[idx]), y_train[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item() * len(idx))
    model.eval()
    with torch.no_grad():
        val_loss = loss_fn(model(x_val), y_val).item()
    if epoch % 5 == 0:  # the "custom callback" is just code in the loop
        print(f"  epoch {epoch:3d}  loss {sum(losses) / len(x_train):.3f}  val_loss {val_loss:.3f}")
    if val_loss < best_loss:  # EarlyStopping(patience=5, restore_best_weights=True), by hand
        best_loss, best_epoch = val_loss, epoch
        best_state = {k: v.clone() for k, v in model.state_dict().items()}
    elif epoch - best_epoch >= patience:
        break
model.load_state_dict(best_state)
print("epochs run:", epoch + 1, "| best epoch:", best_epoch)

model.eval()  # evaluate() -> no_grad forward pass + your metric
with torch.no_grad():
    logits = model(x_val)
    val_acc = (logits.argmax(dim=1) == y_val).float().mean().item()
print(f"evaluate -> val_loss {loss_fn(logits, y_val).item():.3f}  val_accuracy {val_acc:.3f}")
print("predict  ->", logits[:4].argmax(dim=1).tolist(), "true", y_val[:4].tolist())
# --8<-- [end:train]
