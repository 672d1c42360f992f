"""Four usual causes of NaN/Inf losses, each reproduced on tiny data and caught, in PyTorch."""

import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(64, 4)
y = x @ torch.tensor([[1.0], [-2.0], [0.5], [3.0]]) + 0.1 * torch.randn(64, 1)


# --8<-- [start:lr]
def train(lr, steps=40):
    """Linear regression with SGD; stop at the first step whose loss is not finite."""
    torch.manual_seed(0)
    model = nn.Linear(4, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for step in range(steps):
        loss = nn.functional.mse_loss(model(x), y)
        losses.append(loss.item())
        if not torch.isfinite(loss):
            print(f"lr={lr}: loss is {loss.item()} at step {step}")
            break
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model, losses


_, losses = train(lr=0.1)
print(f"lr=0.1: loss after {len(losses)} steps {losses[-1]:.3f}")  # ±0.002 on other CPUs
model, losses = train(lr=3.0)
print("lr=3.0: loss at steps 0, 5, 10, 15, 20:", [f"{v:.2g}" for v in losses[0:21:5]])  # ±2% on other CPUs
# Backward through the inf loss gives non-finite gradients; clip_grad_norm_ can refuse them:
nn.functional.mse_loss(model(x), y).backward()
try:
    nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0, error_if_nonfinite=True)
except RuntimeError as err:
    print("RuntimeError:", str(err).split(". ")[0])
# --8<-- [end:lr]

# --8<-- [start:log0]
logits = torch.tensor([[0.0, 200.0]])  # a confident, wrong prediction for class 0
target = torch.tensor([0])
probs = torch.softmax(logits, dim=1)
print("softmax:", probs.tolist(), "<- exp(-200) underflows to 0 in float32")
print("nll_loss(log(softmax)):", nn.functional.nll_loss(torch.log(probs), target).item())
print("nll_loss(log_softmax): ", nn.functional.nll_loss(torch.log_softmax(logits, dim=1), target).item())
print("cross_entropy(logits): ", nn.functional.cross_entropy(logits, target).item())
# --8<-- [end:log0]

# --8<-- [start:fp16]
print("float16 max:", torch.finfo(torch.float16).max, "| bfloat16 max:", f"{torch.finfo(torch.bfloat16).max:.3g}")
print("70000 as float16:", torch.tensor(70000.0, dtype=torch.float16).item())
a = torch.tensor([300.0], dtype=torch.float16)
print("300 * 300 in float16:", (a * a).item(), "| in float32:", (a.float() * a.float()).item())
z = torch.tensor([0.0, 12.0], dtype=torch.float16)
naive = torch.exp(z) / torch.exp(z).sum()  # exp(12) = 162755 > 65504
print("naive softmax in float16:", naive.tolist())
print("torch.softmax in float16:", [round(v, 4) for v in torch.softmax(z, dim=0).tolist()], "(subtracts the max first)")
# --8<-- [end:fp16]

# --8<-- [start:data]
bad_x = x.clone()
bad_x[13, 2] = float("nan")  # one missing value in 64 rows
torch.manual_seed(0)
model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
loss = nn.functional.mse_loss(model(bad_x), y)
print("loss with one NaN input:", loss.item())
loss.backward()
optimizer.step()
print("NaN weights after one step:", torch.isnan(model.weight).sum().item(), "of", model.weight.numel())

# Catch it before training: check every batch (or the whole dataset once).
bad_rows = (~torch.isfinite(bad_x)).any(dim=1).nonzero().flatten().tolist()
print("rows with non-finite values:", bad_rows)
clean = torch.isfinite(bad_x).all(dim=1)
print("rows kept after dropping them:", clean.sum().item())
# --8<-- [end:data]
