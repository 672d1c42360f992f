"""A training checkpoint (model, optimizer, epoch, RNG) that resumes exactly where it stopped."""

import torch
from torch import nn

torch.manual_seed(0)
X = torch.randn(64, 4)
y = X @ torch.tensor([[1.0], [-2.0], [0.5], [3.0]]) + 0.1 * torch.randn(64, 1)


def make_model():
    torch.manual_seed(1)  # same initial weights every time
    return nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Dropout(0.2), nn.Linear(16, 1))


def train_epochs(model, optimizer, generator, first, last):
    """Shuffled mini-batches: the generator decides the order, the global RNG the dropout masks."""
    model.train()
    for _ in range(first, last):
        for batch in torch.randperm(64, generator=generator).split(16):
            optimizer.zero_grad()
            loss = nn.functional.mse_loss(model(X[batch]), y[batch])
            loss.backward()
            optimizer.step()
    return loss.item()


# --8<-- [start:checkpoint]
# Uninterrupted: 6 epochs in one go.
model = make_model()
optimizer = torch.optim.Adam(model.parameters(), lr=0.03)
generator = torch.Generator().manual_seed(3)
loss_straight = train_epochs(model, optimizer, generator, 0, 6)
weights_straight = model.state_dict()

# Interrupted: 3 epochs, save everything the next epochs depend on, stop.
model = make_model()
optimizer = torch.optim.Adam(model.parameters(), lr=0.03)
generator = torch.Generator().manual_seed(3)
train_epochs(model, optimizer, generator, 0, 3)
torch.save(
    {
        "epoch": 3,
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),  # Adam's step count and moment estimates
        "data_order_rng": generator.get_state(),  # which batches come next
        "torch_rng": torch.get_rng_state(),  # dropout masks
    },
    "checkpoint.pt",
)
del model, optimizer, generator  # as if the process had died

# Resume in "a new process": fresh objects, then load the checkpoint into them.
checkpoint = torch.load("checkpoint.pt")  # only tensors, dicts, ints: fine with weights_only=True
model = make_model()
optimizer = torch.optim.Adam(model.parameters(), lr=0.03)
model.load_state_dict(checkpoint["model"])
optimizer.load_state_dict(checkpoint["optimizer"])
generator = torch.Generator()
generator.set_state(checkpoint["data_order_rng"])
torch.set_rng_state(checkpoint["torch_rng"])
loss_resumed = train_epochs(model, optimizer, generator, checkpoint["epoch"], 6)

print(f"final loss: uninterrupted {loss_straight:.6f} | resumed at epoch {checkpoint['epoch']} {loss_resumed:.6f}")
same = all(torch.equal(weights_straight[k], v) for k, v in model.state_dict().items())
print("resumed weights identical to uninterrupted:", same)
print("optimizer state saved:", sorted(checkpoint["optimizer"]["state"][0]), "for", len(checkpoint["optimizer"]["state"]), "tensors")

# What each part of the checkpoint buys: resume again, leaving one part out each time.
for left_out in ("optimizer", "data_order_rng", "torch_rng"):
    model = make_model()  # a fresh process: every RNG back at its starting seed
    optimizer = torch.optim.Adam(model.parameters(), lr=0.03)
    model.load_state_dict(checkpoint["model"])
    generator = torch.Generator().manual_seed(3)
    if left_out != "optimizer":
        optimizer.load_state_dict(checkpoint["optimizer"])
    if left_out != "data_order_rng":
        generator.set_state(checkpoint["data_order_rng"])
    if left_out != "torch_rng":
        torch.set_rng_state(checkpoint["torch_rng"])
    train_epochs(model, optimizer, generator, 3, 6)
    same = all(torch.equal(weights_straight[k], v) for k, v in model.state_dict().items())
    print(f"resume without {left_out:15} identical: {same}")
# --8<-- [end:checkpoint]
