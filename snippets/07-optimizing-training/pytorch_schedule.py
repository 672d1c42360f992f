"""Linear warmup + cosine decay learning-rate schedule in PyTorch, plotted."""

import matplotlib.pyplot as plt
import numpy as np
import torch

torch.manual_seed(0)
PEAK, START, WARMUP, TOTAL = 0.1, 0.001, 10, 100


def reference(step):  # the schedule written out, to check the framework against
    if step < WARMUP:
        return START + (PEAK - START) * step / WARMUP
    return 0.5 * PEAK * (1 + np.cos(np.pi * (step - WARMUP) / (TOTAL - WARMUP)))


# --8<-- [start:schedule]
params = [torch.nn.Parameter(torch.zeros(1))]
optimizer = torch.optim.SGD(params, lr=PEAK)
warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=START / PEAK, total_iters=WARMUP)
cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=TOTAL - WARMUP, eta_min=0.0)
scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, [warmup, cosine], milestones=[WARMUP])

lrs = []
for _ in range(121):
    lrs.append(optimizer.param_groups[0]["lr"])  # the lr this step trains with
    optimizer.step()  # (forward, backward ...) then step the optimizer
    scheduler.step()  # and then the scheduler, once per step
for step in (0, 5, 10, 55, 99):
    print(f"step {step:3d}: lr = {lrs[step]:.6f}")
print("max difference from the formula:", f"{max(abs(lrs[s] - reference(s)) for s in range(TOTAL)):.1e}")
print(f"step 120 (past the end): lr = {lrs[120]:.6f}")
# --8<-- [end:schedule]

fig, ax = plt.subplots(figsize=(6, 2.6))
ax.plot(range(TOTAL), lrs[:TOTAL], color="#ee4c2c", linewidth=2, label="warmup + cosine (both frameworks)")
ax.plot(range(TOTAL - 1, 121), lrs[TOTAL - 1 :], color="#ee4c2c", linewidth=1, linestyle=":", label="CosineAnnealingLR past T_max")
ax.axvline(WARMUP, color="grey", linewidth=0.8, linestyle="--")
ax.annotate("end of warmup", (WARMUP, 0.02), xytext=(WARMUP + 2, 0.02), fontsize=8)
ax.set_xlabel("training step")
ax.set_ylabel("learning rate")
ax.legend(fontsize=8, frameon=False)
ax.spines[["top", "right"]].set_visible(False)
fig.savefig("lr_schedule.svg")
