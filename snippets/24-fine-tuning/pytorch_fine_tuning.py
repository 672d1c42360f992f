"""Fine-tuning in PyTorch: pretrain on task A, then freeze, replace the head, train, unfreeze with a lower LR."""

import copy

import torch
from torch import nn
from torchvision.models import resnet18

torch.manual_seed(0)

# --8<-- [start:data]
# Two related synthetic tasks share hidden features z = tanh(x @ W). Task A (16 classes) has plenty
# of data; task B, the one we care about, has 3 new classes and only 200 labelled examples.
W = torch.randn(16, 8)
A_rule, B_rule = torch.randn(8, 16), torch.randn(8, 3)


def make_task(rule, n, shift=0.0):
    x = torch.randn(n, 16) + shift
    return x, (torch.tanh(x @ W) @ rule).argmax(dim=1)


xa, ya = make_task(A_rule, 4000)
xb, yb = make_task(B_rule, 200, shift=0.5)  # task B's inputs are also shifted (new domain)
xb_test, yb_test = make_task(B_rule, 2000, shift=0.5)
# --8<-- [end:data]


def block(n_in, n_out):
    return nn.Sequential(nn.Linear(n_in, n_out), nn.BatchNorm1d(n_out), nn.ReLU())


def count(model):
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return f"{trainable:,} of {sum(p.numel() for p in model.parameters()):,} parameters train"


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        return (model(x).argmax(dim=1) == y).float().mean().item()


def fit(model, x, y, optimizer, epochs, frozen=(), batch_size=32):
    generator = torch.Generator().manual_seed(1)
    for _ in range(epochs):
        model.train()
        for module in frozen:  # frozen parts stay in eval mode: BatchNorm must not update its stats
            module.eval()
        for idx in torch.randperm(len(x), generator=generator).split(batch_size):
            optimizer.zero_grad()
            nn.functional.cross_entropy(model(x[idx]), y[idx]).backward()
            optimizer.step()


def moved(bn, action):
    """How far an action moves a BatchNorm layer's running mean."""
    before = bn.running_mean.clone()
    action()
    return f"{(bn.running_mean - before).abs().max():.4f}"


# --8<-- [start:pretrain]
backbone = nn.Sequential(block(16, 64), block(64, 64))
pretrained = nn.Sequential(backbone, nn.Linear(64, 16))
fit(pretrained, xa, ya, torch.optim.Adam(pretrained.parameters(), lr=1e-2), epochs=5, batch_size=64)
print(f"pretrained on task A: accuracy {accuracy(pretrained, xa, ya):.3f}")  # ±0.01 on other CPUs
# Real use starts from published weights instead (downloads, so not run here):
#   from torchvision.models import resnet18, ResNet18_Weights
#   model = resnet18(weights=ResNet18_Weights.DEFAULT)
#   model.fc = nn.Linear(model.fc.in_features, num_classes)   # replace the 1000-class head
# --8<-- [end:pretrain]

# --8<-- [start:finetune]
model = nn.Sequential(copy.deepcopy(backbone), nn.Linear(64, 3))  # pretrained backbone, new head
body, head = model[0], model[1]
print(f"new head, before training: task B accuracy {accuracy(model, xb_test, yb_test):.3f}")  # ±0.01 on other CPUs

# Stage 1: freeze the backbone, train only the head (the optimizer only gets the head's parameters).
body.requires_grad_(False)
print("stage 1:", count(model))
fit(model, xb, yb, torch.optim.Adam(head.parameters(), lr=1e-2), epochs=30, frozen=[body])
print(f"stage 1, head only: task B accuracy {accuracy(model, xb_test, yb_test):.3f}")  # ±0.01 on other CPUs

# Stage 2: unfreeze the last Linear layer, with a 10x lower learning rate than the head's.
# BatchNorm stays frozen: no gradients for its weights, and eval mode for its statistics.
last = body[1][0]  # body = [Linear, BN, ReLU], [[Linear], BN, ReLU]
last.requires_grad_(True)
print("stage 2:", count(model))
optimizer = torch.optim.Adam([{"params": head.parameters(), "lr": 1e-3}, {"params": last.parameters(), "lr": 1e-4}])
bn, before = body[1][1], body[1][1].running_mean.clone()
fit(model, xb, yb, optimizer, epochs=30, frozen=[body])
print(f"stage 2 fit, BatchNorm in eval mode: running_mean moved by {(bn.running_mean - before).abs().max():.4f}")
print(f"stage 2, last Linear layer too: task B accuracy {accuracy(model, xb_test, yb_test):.3f}")  # ±0.01 on other CPUs
# --8<-- [end:finetune]

# --8<-- [start:scratch]
scratch = nn.Sequential(block(16, 64), block(64, 64), nn.Linear(64, 3))
fit(scratch, xb, yb, torch.optim.Adam(scratch.parameters(), lr=1e-2), epochs=60)
print(f"same network from scratch on the 200 examples: task B accuracy {accuracy(scratch, xb_test, yb_test):.3f}")  # ±0.01 on other CPUs
# --8<-- [end:scratch]

# --8<-- [start:real]
# The same surgery on a real architecture (weights=None here; real use passes
# weights=ResNet18_Weights.DEFAULT, which downloads ImageNet weights).
net = resnet18(weights=None)
net.requires_grad_(False)  # freeze everything ...
net.fc = nn.Linear(net.fc.in_features, 10)  # ... then replace the head: new layers train by default
print("resnet18 with a new 10-class head:", count(net))
print("BatchNorm2d layers to keep in eval mode:", sum(isinstance(m, nn.BatchNorm2d) for m in net.modules()))
# --8<-- [end:real]

# --8<-- [start:bn_trap]
frozen = copy.deepcopy(backbone)
frozen.requires_grad_(False)  # no gradients, no weight updates...
bn = frozen[0][1]
frozen.train()  # ...but in train mode a forward pass still updates BatchNorm's running statistics
print("requires_grad=False, train mode: running_mean moved by", moved(bn, lambda: frozen(xb)))  # ±0.001 on other CPUs
frozen.eval()
print("requires_grad=False, eval mode:  running_mean moved by", moved(bn, lambda: frozen(xb)))
# --8<-- [end:bn_trap]
