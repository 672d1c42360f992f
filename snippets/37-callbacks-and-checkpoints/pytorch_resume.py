"""PyTorch: a checkpoint that resumes training exactly (model + optimizer + scheduler + epoch + RNG)."""

import pathlib
import pickle
import re
import tempfile

import numpy as np
import torch
from torch import nn

rng = np.random.default_rng(0)
x_np = rng.normal(size=(32, 8)).astype("float32")
x_train = torch.from_numpy(x_np)
y_train = torch.from_numpy((np.sin(2 * x_np[:, :1]) + rng.normal(scale=0.5, size=(32, 1))).astype("float32"))


def make_training():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(8, 64), nn.ReLU(), nn.Linear(64, 1))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)
    generator = torch.Generator().manual_seed(1)  # shuffles the batches
    return model, optimizer, scheduler, generator


def train(model, optimizer, scheduler, generator, first_epoch, last_epoch):
    for _ in range(first_epoch, last_epoch + 1):
        for idx in torch.randperm(32, generator=generator).split(8):
            optimizer.zero_grad()
            nn.functional.mse_loss(model(x_train[idx]), y_train[idx]).backward()
            optimizer.step()
        scheduler.step()


def max_difference(a, b):
    return max((p - q).abs().max().item() for p, q in zip(a.parameters(), b.parameters()))


reference, *state = make_training()
train(reference, *state, first_epoch=1, last_epoch=6)  # six epochs without interruption

# --8<-- [start:resume]
with tempfile.TemporaryDirectory() as tmp:
    path = pathlib.Path(tmp) / "checkpoint.pt"
    model, optimizer, scheduler, generator = make_training()
    train(model, optimizer, scheduler, generator, first_epoch=1, last_epoch=3)
    torch.save(
        {
            "epoch": 3,
            "model": model.state_dict(),
            "optimizer": optimizer.state_dict(),  # Adam's moments and step counts
            "scheduler": scheduler.state_dict(),  # where the learning-rate schedule is
            "generator": generator.get_state(),  # so the next epochs shuffle the same way
        },
        path,
    )

    # A new process: rebuild the objects, then load their states.
    model, optimizer, scheduler, generator = make_training()
    checkpoint = torch.load(path)  # weights_only=True: tensors, numbers, dicts, lists
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    generator.set_state(checkpoint["generator"])
    print("resuming after epoch", checkpoint["epoch"], "with lr", scheduler.get_last_lr())
    train(model, optimizer, scheduler, generator, first_epoch=checkpoint["epoch"] + 1, last_epoch=6)
    print("max |resumed - uninterrupted| weight difference:", max_difference(model, reference))

    # The same resume with the model's weights only: a fresh Adam, lr schedule and shuffling.
    model, *fresh = make_training()
    model.load_state_dict(checkpoint["model"])
    train(model, *fresh, first_epoch=4, last_epoch=6)
    print(f"model state only: max difference {max_difference(model, reference):.3f}")  # ±0.005 on other CPUs
# --8<-- [end:resume]

# --8<-- [start:weights_only]
# Since PyTorch 2.6, torch.load only unpickles tensors and plain containers by default.
with tempfile.TemporaryDirectory() as tmp:
    path = pathlib.Path(tmp) / "whole_model.pt"
    torch.save(reference, path)  # pickles the nn.Sequential object itself
    try:
        torch.load(path)
    except pickle.UnpicklingError as err:
        message = re.sub(r"\x1b\[[0-9;]*m", "", str(err)).splitlines()[0].strip()  # drop the bold escapes
        print("torch.load(whole model) ->", type(err).__name__ + ":", message)
    print("with weights_only=False (trusted file only):", type(torch.load(path, weights_only=False)).__name__)
# --8<-- [end:weights_only]
