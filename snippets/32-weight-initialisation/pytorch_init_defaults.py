"""PyTorch's default initialisers, measured on real layers, next to the He (Kaiming) rule for ReLU."""

import math
import warnings

import torch
from torch import nn

torch.manual_seed(0)


def stats(name, t, theory_std=None):
    t = t.detach()
    line = f"{name:<30} max|w| {t.abs().max().item():.4f}  std {t.std().item():.4f}"
    if theory_std is not None:
        line += f"  (formula {theory_std:.4f})"
    print(line)


# --8<-- [start:defaults]
fan_in, fan_out = 512, 128
linear = nn.Linear(fan_in, fan_out)  # weight shape (out, in) = (128, 512)
# reset_parameters(): kaiming_uniform_(weight, a=sqrt(5)) -> U(-1/sqrt(fan_in), 1/sqrt(fan_in))
bound = 1 / math.sqrt(fan_in)
print(f"nn.Linear({fan_in}, {fan_out}): bound 1/sqrt(fan_in) = {bound:.4f}")
stats("  weight", linear.weight, theory_std=bound / math.sqrt(3))
stats("  bias (uniform, same bound)", linear.bias)
he_std = math.sqrt(2 / fan_in)
print(f"  He std for ReLU sqrt(2/fan_in) = {he_std:.4f}: default variance is 1/{he_std**2 / (bound**2 / 3):.0f} of it")

conv = nn.Conv2d(64, 128, kernel_size=3)  # fan_in = 64 * 3 * 3 = 576, same rule
stats("nn.Conv2d(64, 128, 3) weight", conv.weight, theory_std=1 / math.sqrt(3 * 576))
emb = nn.Embedding(1000, 64)  # N(0, 1): not scaled by any fan
stats("nn.Embedding(1000, 64) weight", emb.weight, theory_std=1.0)
lstm = nn.LSTM(32, 64)  # every weight and bias U(-1/sqrt(hidden), 1/sqrt(hidden))
stats("nn.LSTM(32, 64) weight_hh_l0", lstm.weight_hh_l0, theory_std=1 / math.sqrt(3 * 64))
print(f"  LSTM bias_ih_l0 nonzero: {bool(lstm.bias_ih_l0.abs().sum() > 0)} (no forget-gate bias of 1)")
# --8<-- [end:defaults]

# --8<-- [start:fix]
def he_init(module):
    if isinstance(module, (nn.Linear, nn.Conv2d)):
        nn.init.kaiming_normal_(module.weight, mode="fan_in", nonlinearity="relu")  # N(0, 2/fan_in)
        nn.init.zeros_(module.bias)


model = nn.Sequential(nn.Linear(fan_in, fan_out), nn.ReLU(), nn.Linear(fan_out, 10))
model.apply(he_init)  # visits every submodule
w = model[0].weight
stats("He: kaiming_normal_ weight", w, theory_std=he_std)
print(f"  max|w| / std = {(w.abs().max() / w.std()).item():.2f} (a plain normal: not truncated)")
print(f"  bias all zero: {bool((model[0].bias == 0).all())}")
# --8<-- [end:fix]

# --8<-- [start:changed]
# The pre-0.4 spelling without the trailing underscore still exists, but only as a deprecated alias.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    nn.init.kaiming_normal(torch.empty(4, 4))
print(f"nn.init.kaiming_normal -> {caught[0].category.__name__}: {caught[0].message}")
# --8<-- [end:changed]
