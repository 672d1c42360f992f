"""Optimisers in PyTorch: defaults, L2 versus decoupled weight decay, momentum, epsilon, parameter groups."""

import torch
from torch import nn

torch.manual_seed(0)


def show(values):
    return "[" + ", ".join(f"{v:.4f}" for v in values) + "]"


# --8<-- [start:defaults]
params = [nn.Parameter(torch.zeros(1))]
for name in ["SGD", "Adam", "AdamW", "RMSprop"]:
    d = getattr(torch.optim, name)(params).defaults
    keys = ["lr", "momentum", "eps", "weight_decay", "alpha"]
    print(f"{name:8}", ", ".join(f"{k}={d[k]}" for k in keys if d.get(k) is not None))
# --8<-- [end:defaults]

# --8<-- [start:decay]
# One linear layer, two weights, both start at 1.0. Feature 0 is large, so w0 gets large
# gradients; feature 1 is always 0, so the data gives w1 no gradient at all.
x = torch.tensor([[10.0, 0.0], [-5.0, 0.0], [8.0, 0.0], [3.0, 0.0]])
y = 2.0 * x[:, :1]  # the best w0 is 2; w1 does not matter to the data
lr, wd = 0.1, 0.1


def train(make_optimizer, l2_in_loss=0.0, steps=5):
    layer = nn.Linear(2, 1, bias=False)
    with torch.no_grad():
        layer.weight.fill_(1.0)
    optimizer = make_optimizer(layer.parameters())
    for _ in range(steps):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(layer(x), y)
        loss = loss + l2_in_loss / 2 * layer.weight.pow(2).sum()  # L2 penalty: gradient l2 * w
        loss.backward()
        optimizer.step()
    return layer.weight.detach().flatten().tolist()


runs = {
    "Adam, no decay": train(lambda p: torch.optim.Adam(p, lr=lr)),
    "Adam + L2 in the loss": train(lambda p: torch.optim.Adam(p, lr=lr), l2_in_loss=wd),
    "Adam(weight_decay=0.1)": train(lambda p: torch.optim.Adam(p, lr=lr, weight_decay=wd)),
    "AdamW(weight_decay=0.1)": train(lambda p: torch.optim.AdamW(p, lr=lr, weight_decay=wd)),
    "Adam(decoupled_weight_decay=True)": train(
        lambda p: torch.optim.Adam(p, lr=lr, weight_decay=wd, decoupled_weight_decay=True)
    ),
}
for name, (w0, w1) in runs.items():
    print(f"{name:34} w0={w0:.4f}  w1={w1:.4f}")
print(f"AdamW's w1 by hand, (1 - lr * wd) ** 5: {(1 - lr * wd) ** 5:.4f}")
# --8<-- [end:decay]

# --8<-- [start:momentum]
# SGD with momentum, loss = w (gradient 1 at every step). Three steps at lr 0.1, then one at 0.01.
w = nn.Parameter(torch.tensor([1.0]))
sgd = torch.optim.SGD([w], lr=0.1, momentum=0.9)
for step in range(4):
    if step == 3:
        for group in sgd.param_groups:
            group["lr"] = 0.01
    sgd.zero_grad()
    w.sum().backward()
    sgd.step()
    print(f"SGD momentum, step {step + 1} (lr {sgd.param_groups[0]['lr']}): w={w.item():.4f}")
# --8<-- [end:momentum]

# --8<-- [start:epsilon]
# Adam's first step is lr * g / (|g| + eps): about lr whatever the gradient's size,
# until the gradient is as small as eps.
for grad, eps in [(1e3, 1e-8), (1.0, 1e-8), (1e-7, 1e-8), (1e-7, 1e-7)]:
    w = nn.Parameter(torch.tensor([0.0]))
    adam = torch.optim.Adam([w], lr=1.0, eps=eps)
    (grad * w).sum().backward()
    adam.step()
    print(f"Adam eps={eps:g}, gradient {grad:g}: first step {-w.item():.3f} x lr")
# --8<-- [end:epsilon]

# --8<-- [start:groups]
model = nn.Sequential(nn.Linear(4, 8), nn.LayerNorm(8), nn.ReLU(), nn.Linear(8, 2))
body, head = model[:3], model[3]
decay = [p for p in body.parameters() if p.ndim > 1]  # weight matrices
no_decay = [p for p in body.parameters() if p.ndim <= 1]  # biases and LayerNorm scales
optimizer = torch.optim.AdamW(
    [
        {"params": decay, "lr": 1e-4},  # body: low learning rate, default weight decay
        {"params": no_decay, "lr": 1e-4, "weight_decay": 0.0},
        {"params": head.parameters()},  # head: the optimizer's defaults below
    ],
    lr=1e-2,
    weight_decay=0.05,
)
for i, group in enumerate(optimizer.param_groups):
    print(f"group {i}: {sum(p.numel() for p in group['params'])} values, lr={group['lr']}, weight_decay={group['weight_decay']}")

before = [p.detach().clone() for p in (model[0].weight, head.weight)]
xb, yb = torch.randn(32, 4), torch.randn(32, 2)
for _ in range(10):
    optimizer.zero_grad()
    nn.functional.mse_loss(model(xb), yb).backward()
    optimizer.step()
moved = [(p.detach() - b).abs().max().item() for p, b in zip((model[0].weight, head.weight), before)]
print(f"after 10 steps, largest change: body {moved[0]:.1e}, head {moved[1]:.1e}")  # ±5% on other CPUs
# --8<-- [end:groups]
