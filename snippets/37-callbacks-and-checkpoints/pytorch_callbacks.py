"""PyTorch: early stopping, best-weight restore and ReduceLROnPlateau in a plain training loop."""

import copy
import pathlib
import tempfile

import numpy as np
import torch
from torch import nn

rng = np.random.default_rng(0)  # the same data as the Keras program


# --8<-- [start:data]
# 32 noisy training examples and a 2 x 128 MLP: it memorises them, so the validation loss falls
# for a few epochs and then climbs. Full-batch training keeps the curve the same on every run.
def make_data(n):
    x = rng.normal(size=(n, 8)).astype("float32")
    y = np.sin(2 * x[:, :1]) + 0.5 * x[:, 1:2] + rng.normal(scale=0.5, size=(n, 1))
    return torch.from_numpy(x), torch.from_numpy(y.astype("float32"))


x_train, y_train = make_data(32)
x_val, y_val = make_data(256)


def make_model():
    torch.manual_seed(0)  # every run starts from the same initial weights
    return nn.Sequential(nn.Linear(8, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 1))


def train_one_epoch(model, optimizer):
    model.train()
    optimizer.zero_grad()
    nn.functional.mse_loss(model(x_train), y_train).backward()
    optimizer.step()


@torch.no_grad()
def val_loss(model):
    model.eval()
    return nn.functional.mse_loss(model(x_val), y_val).item()
# --8<-- [end:data]


# --8<-- [start:loop]
model = make_model()
optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=2)
patience, best_loss, best_epoch, bad_epochs = 3, float("inf"), 0, 0
history = []
with tempfile.TemporaryDirectory() as tmp:
    best_path = pathlib.Path(tmp) / "best.pt"
    for epoch in range(1, 101):
        lr = optimizer.param_groups[0]["lr"]  # the rate this epoch trains with
        train_one_epoch(model, optimizer)
        loss = val_loss(model)
        history.append((round(loss, 3), lr))
        scheduler.step(loss)  # ReduceLROnPlateau needs the metric
        if loss < best_loss:  # EarlyStopping + ModelCheckpoint(save_best_only=True)
            best_loss, best_epoch, bad_epochs = loss, epoch, 0
            best_state = copy.deepcopy(model.state_dict())  # a copy, not references to live tensors
            torch.save({"epoch": epoch, "model": best_state}, best_path)
        else:
            bad_epochs += 1
            if bad_epochs >= patience:
                break
    print("val_loss by epoch:", [loss for loss, _ in history])  # ±0.005 on other CPUs
    print("learning_rate by epoch:", [round(lr, 5) for _, lr in history])
    print(f"epochs run: {epoch}, early stopping at epoch {epoch}")
    print(f"best epoch: {best_epoch}")
    print(f"val_loss of the last epoch:        {val_loss(model):.4f}")  # ±0.001 on other CPUs

    model.load_state_dict(best_state)  # restore_best_weights=True
    print(f"val_loss after restoring the best: {val_loss(model):.4f}")  # ±0.001 on other CPUs
    print(f"best val_loss seen during training: {best_loss:.4f}")  # ±0.001 on other CPUs
    checkpoint = torch.load(best_path)  # weights_only=True by default: tensors and plain values only
    fresh = make_model()
    fresh.load_state_dict(checkpoint["model"])
    print(f"val_loss of best.pt from disk (epoch {checkpoint['epoch']}): {val_loss(fresh):.4f}")  # ±0.001 on other CPUs
# --8<-- [end:loop]

# --8<-- [start:shallow]
# The classic bug: state_dict() returns references to the live parameters, which keep training.
model = make_model()
optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
for epoch in range(1, 9):
    train_one_epoch(model, optimizer)
    if epoch == 5:
        kept_by_reference = model.state_dict()
        kept_by_copy = copy.deepcopy(model.state_dict())
print("'best' kept without a copy is the epoch-8 model:",
      torch.equal(kept_by_reference["0.weight"], model[0].weight))
model.load_state_dict(kept_by_copy)
print(f"deepcopy restores epoch 5: val_loss {val_loss(model):.4f}")  # ±0.001 on other CPUs
# --8<-- [end:shallow]

# --8<-- [start:patience]
# The two ReduceLROnPlateau classes count patience differently on a loss that never improves.
optimizer = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0)
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=0.5, patience=2)
rates = []
for loss in [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]:
    scheduler.step(loss)
    rates.append(optimizer.param_groups[0]["lr"])
print("patience=2, flat loss, lr after each step:", rates)
print("defaults: threshold", scheduler.threshold, scheduler.threshold_mode, "| cooldown", scheduler.cooldown)
# --8<-- [end:patience]
