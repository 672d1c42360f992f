"""Gradient clipping by global norm in PyTorch."""

import numpy as np
import torch

torch.manual_seed(0)

# The same weights and data as the TensorFlow program, from one NumPy generator, so the norms match.
rng = np.random.default_rng(0)
x = torch.tensor(rng.normal(size=(16, 4)) * 10, dtype=torch.float32)  # large inputs -> large gradients
y = torch.tensor(rng.normal(size=(16, 1)), dtype=torch.float32)
w1 = torch.tensor(rng.normal(size=(4, 8)), dtype=torch.float32)
w2 = torch.tensor(rng.normal(size=(8, 1)), dtype=torch.float32)

# --8<-- [start:clip]
model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1))
with torch.no_grad():  # PyTorch stores Linear weights as (out, in): transpose the Keras layout
    model[0].weight.copy_(w1.T), model[0].bias.zero_()
    model[2].weight.copy_(w2.T), model[2].bias.zero_()

loss = torch.nn.functional.mse_loss(model(x), y)
loss.backward()
grads = [p.grad.clone() for p in model.parameters()]

norm_before = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)  # clips in place
norm_after = torch.nn.utils.get_total_norm([p.grad for p in model.parameters()])
print(f"global norm before: {norm_before.item():.2f}")
print(f"global norm after:  {norm_after.item():.2f}")
# Clipping by global norm rescales every gradient by the same factor: the direction is kept.
flat = torch.cat([g.flatten() for g in grads])
flat_clipped = torch.cat([p.grad.flatten() for p in model.parameters()])
cosine = torch.nn.functional.cosine_similarity(flat, flat_clipped, dim=0)
print(f"direction kept (cosine similarity): {cosine.item():.4f}")

# In a training loop: backward, clip, then step (after scaler.unscale_ when using GradScaler).
before = [p.detach().clone() for p in model.parameters()]
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
optimizer.step()
step = torch.sqrt(sum(((p.detach() - b) ** 2).sum() for p, b in zip(model.parameters(), before)))
print(f"size of the SGD step after clipping to 1.0, lr=0.1: {step.item():.4f}")
# --8<-- [end:clip]
