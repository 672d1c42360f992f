"""A GAN in PyTorch that learns the 1-D distribution N(3, 0.5) from samples."""

import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm

torch.manual_seed(0)
NOISE, BATCH, STEPS = 8, 128, 2000


def real_samples(n):
    return 3.0 + 0.5 * torch.randn(n, 1)  # the data distribution the generator must learn


# --8<-- [start:models]
generator = nn.Sequential(nn.Linear(NOISE, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 1))
discriminator = nn.Sequential(  # outputs a logit: high means "real"
    nn.Linear(1, 32), nn.LeakyReLU(0.2), nn.Linear(32, 32), nn.LeakyReLU(0.2), nn.Linear(32, 1)
)
opt_g = torch.optim.Adam(generator.parameters(), lr=1e-3, betas=(0.5, 0.999))
opt_d = torch.optim.Adam(discriminator.parameters(), lr=1e-3, betas=(0.5, 0.999))
bce = nn.BCEWithLogitsLoss()  # works on logits: numerically stable
# --8<-- [end:models]


def describe(label):
    with torch.no_grad():
        fake = generator(torch.randn(10_000, NOISE))
    print(f"{label}: generated mean {fake.mean():.2f}, std {fake.std():.2f} (target 3.00, 0.50)")  # ±0.03 on other CPUs
    return fake.squeeze(1)


before = describe("before training")

# --8<-- [start:train]
for _ in range(STEPS):
    # 1. Discriminator: push D(real) towards 1 and D(fake) towards 0.
    real = real_samples(BATCH)
    fake = generator(torch.randn(BATCH, NOISE)).detach()  # no gradient into G on this step
    real_target = torch.full((BATCH, 1), 0.9)  # one-sided label smoothing: 0.9 instead of 1
    loss_d = bce(discriminator(real), real_target) + bce(discriminator(fake), torch.zeros(BATCH, 1))
    opt_d.zero_grad()
    loss_d.backward()
    opt_d.step()

    # 2. Generator, non-saturating loss: maximise log D(G(z)), i.e. label the fakes "real".
    fake = generator(torch.randn(BATCH, NOISE))
    loss_g = bce(discriminator(fake), torch.ones(BATCH, 1))
    opt_g.zero_grad()
    loss_g.backward()  # gradients flow through D into G; only G's optimizer steps
    opt_g.step()
# --8<-- [end:train]

# --8<-- [start:result]
after = describe(f"after {STEPS} steps")
with torch.no_grad():
    d_real = torch.sigmoid(discriminator(real_samples(10_000))).mean()
    d_fake = torch.sigmoid(discriminator(after[:, None])).mean()
print(f"D(real) {d_real:.2f}, D(fake) {d_fake:.2f}  (equilibrium with 0.9 targets: 0.45 for both)")  # ±0.02 on other CPUs

fig, ax = plt.subplots(figsize=(6, 2.6))
bins = torch.linspace(-1.0, 5.5, 66).tolist()
ax.hist(real_samples(10_000).squeeze(1).tolist(), bins=bins, histtype="step", label="real N(3, 0.5)", color="black")
ax.hist(before.tolist(), bins=bins, histtype="step", label="generator, before", color="tab:gray", linestyle="--")
ax.hist(after.tolist(), bins=bins, histtype="step", label="generator, after", color="tab:red")
ax.set_title("PyTorch: real samples and generated samples", fontsize=10)
ax.set_xlabel("x")
ax.set_ylabel("count of 10,000")
ax.legend(frameon=False, fontsize=8)
fig.savefig("gan_pytorch.svg")  # ±: the curves follow the training above, which varies by CPU
# --8<-- [end:result]

# --8<-- [start:saturation]
# Why the non-saturating loss: early on D confidently rejects fakes (logit -5, D(G(z)) = 0.007).
logit = torch.tensor(-5.0, requires_grad=True)
(saturating,) = torch.autograd.grad(torch.log(1 - torch.sigmoid(logit)), logit)  # G minimises this
(non_saturating,) = torch.autograd.grad(-torch.log(torch.sigmoid(logit)), logit)  # G minimises this
print(f"gradient at logit -5: log(1 - D) {saturating:.4f}, -log D {non_saturating:.4f}")
# --8<-- [end:saturation]

# --8<-- [start:stabilisers]
# Spectral normalisation: divide a layer's weight by its largest singular value (power iteration).
layer = nn.Linear(32, 32)
print(f"largest singular value of the weight: {torch.linalg.matrix_norm(layer.weight, ord=2):.2f}", end=" -> ")
layer = spectral_norm(layer)  # each forward pass in train mode runs one more power iteration
for _ in range(10):
    layer(torch.randn(4, 32))
print(f"{torch.linalg.matrix_norm(layer.weight, ord=2):.2f} with spectral_norm")


def gradient_penalty(critic, real, fake):
    """WGAN-GP: penalise the critic where its gradient norm, between real and fake samples, is not 1."""
    eps = torch.rand(real.size(0), 1)
    mixed = (eps * real + (1 - eps) * fake).requires_grad_(True)
    (grads,) = torch.autograd.grad(critic(mixed).sum(), mixed, create_graph=True)  # differentiable
    return ((grads.norm(2, dim=1) - 1) ** 2).mean()


penalty = gradient_penalty(discriminator, real_samples(BATCH), generator(torch.randn(BATCH, NOISE)).detach())
print(f"gradient penalty of the trained discriminator: {penalty:.3f}")  # ±0.02 on other CPUs
# --8<-- [end:stabilisers]
