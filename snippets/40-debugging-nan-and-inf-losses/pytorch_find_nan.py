"""Finding where a NaN comes from in PyTorch: isfinite, nan_to_num, and autograd anomaly detection."""

import warnings

import torch

torch.manual_seed(0)


def r(t):
    return [round(v, 4) for v in t.tolist()]


# --8<-- [start:tools]
x = torch.tensor([-1.0, 0.0, 2.0])
y = torch.log(x)  # log(-1) = nan, log(0) = -inf: no error, no warning
print("log(x):", r(y))
print("torch.isfinite(log(x)):", torch.isfinite(y).tolist())
print("any NaN:", torch.isnan(y).any().item(), "| any Inf:", torch.isinf(y).any().item())
# An explicit guard is the PyTorch counterpart of tf.debugging.check_numerics:
try:
    if not torch.isfinite(y).all():
        raise FloatingPointError(f"log(x) has {(~torch.isfinite(y)).sum().item()} non-finite values")
except FloatingPointError as err:
    print("FloatingPointError:", err)
# nan_to_num hides the symptom (nan -> 0, +-inf -> the dtype's largest finite value):
print("nan_to_num:", r(torch.nan_to_num(y)))
print("nan_to_num(nan=0.0, neginf=-100.0):", r(torch.nan_to_num(y, nan=0.0, neginf=-100.0)))
# --8<-- [end:tools]

# --8<-- [start:anomaly]
# A finite forward pass can still give a NaN gradient: torch.where masks log(0) = -inf in the
# forward pass, but backward multiplies the masked zero gradient by d log(x)/dx = 1/0.
w = torch.tensor([-1.0, 0.0, 2.0], requires_grad=True)
out = torch.where(w > 0, torch.log(w), torch.zeros_like(w))
print("forward:", r(out))
out.sum().backward()
print("gradient:", r(w.grad), "<- NaN, and nothing said which op made it")
zero = torch.zeros(2, requires_grad=True)
torch.linalg.vector_norm(zero).backward()  # PyTorch defines this gradient as 0 at the zero vector
print("gradient of torch.linalg.vector_norm at the zero vector:", r(zero.grad))
zero.grad = None
(zero**2).sum().sqrt().backward()  # the same norm written by hand: 0 / 0
print("gradient of sqrt(sum(x**2)) at the zero vector:", r(zero.grad))

w.grad = None
with warnings.catch_warnings(record=True, action="always") as caught, torch.autograd.detect_anomaly():
    out = torch.where(w > 0, torch.log(w), torch.zeros_like(w))
    try:
        out.sum().backward()
    except RuntimeError as err:
        print("RuntimeError:", err)
# detect_anomaly also warns with the traceback of the forward call that created the bad op:
report = next(str(c.message) for c in caught if "Error detected in" in str(c.message))
lines = report.splitlines()
last_frame = max(i for i, line in enumerate(lines) if line.strip().startswith("File "))
print(lines[0])
print("  forward line:", lines[last_frame + 1].strip())

# It checks backward outputs for NaN only: an infinite gradient passes without a word.
v = torch.tensor([0.0, 4.0], requires_grad=True)
with warnings.catch_warnings(action="ignore"), torch.autograd.detect_anomaly():
    torch.sqrt(v).sum().backward()
print("gradient of sqrt at 0 under detect_anomaly:", r(v.grad), "(no error)")

# The fix: keep the unsafe branch's input safe, so both branches are finite.
w.grad = None
safe = torch.where(w > 0, w, torch.ones_like(w))
torch.where(w > 0, torch.log(safe), torch.zeros_like(w)).sum().backward()
print("gradient with a safe input:", r(w.grad))
# --8<-- [end:anomaly]
