"""A GAN in TensorFlow/Keras that learns the 1-D distribution N(3, 0.5) from samples."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

plt.rcParams["svg.hashsalt"] = "qa"  # stable ids in the SVG

keras.utils.set_random_seed(0)
tf.config.experimental.enable_op_determinism()
NOISE, BATCH, STEPS = 8, 128, 2000


def real_samples(n):
    return 3.0 + 0.5 * tf.random.normal((n, 1))  # the data distribution the generator must learn


# --8<-- [start:models]
generator = keras.Sequential(
    [
        keras.Input((NOISE,)),
        keras.layers.Dense(32, "relu"),
        keras.layers.Dense(32, "relu"),
        keras.layers.Dense(1),
    ]
)
discriminator = keras.Sequential(  # outputs a logit: high means "real"
    [
        keras.Input((1,)),
        keras.layers.Dense(32),
        keras.layers.LeakyReLU(0.2),
        keras.layers.Dense(32),
        keras.layers.LeakyReLU(0.2),
        keras.layers.Dense(1),
    ]
)
opt_g = keras.optimizers.Adam(1e-3, beta_1=0.5)
opt_d = keras.optimizers.Adam(1e-3, beta_1=0.5)
bce = keras.losses.BinaryCrossentropy(from_logits=True)  # works on logits: numerically stable
# --8<-- [end:models]


def describe(label):
    fake = generator(tf.random.normal((10_000, NOISE))).numpy()[:, 0]
    print(f"{label}: generated mean {fake.mean():.2f}, std {fake.std():.2f} (target 3.00, 0.50)")  # ±0.03 on other CPUs
    return fake


before = describe("before training")


# --8<-- [start:train]
@tf.function  # compiled once, then each step runs as a graph
def train_step():
    # 1. Discriminator: push D(real) towards 1 and D(fake) towards 0.
    real = real_samples(BATCH)
    fake = generator(tf.random.normal((BATCH, NOISE)))
    with tf.GradientTape() as tape:
        real_target = tf.fill((BATCH, 1), 0.9)  # one-sided label smoothing: 0.9 instead of 1
        loss_d = bce(real_target, discriminator(real)) + bce(tf.zeros((BATCH, 1)), discriminator(fake))
    grads = tape.gradient(loss_d, discriminator.trainable_variables)  # the tape only saw D's use of fake
    opt_d.apply_gradients(zip(grads, discriminator.trainable_variables))

    # 2. Generator, non-saturating loss: maximise log D(G(z)), i.e. label the fakes "real".
    with tf.GradientTape() as tape:
        fake = generator(tf.random.normal((BATCH, NOISE)))
        loss_g = bce(tf.ones((BATCH, 1)), discriminator(fake))
    grads = tape.gradient(loss_g, generator.trainable_variables)  # through D into G; only G steps
    opt_g.apply_gradients(zip(grads, generator.trainable_variables))


for _ in range(STEPS):
    train_step()
# --8<-- [end:train]

# --8<-- [start:result]
after = describe(f"after {STEPS} steps")
d_real = float(tf.reduce_mean(tf.sigmoid(discriminator(real_samples(10_000)))))
d_fake = float(tf.reduce_mean(tf.sigmoid(discriminator(after[:, None]))))
print(f"D(real) {d_real:.2f}, D(fake) {d_fake:.2f}  (equilibrium with 0.9 targets: 0.45 for both)")  # ±0.02 on other CPUs

fig, ax = plt.subplots(figsize=(6, 2.6))
bins = np.linspace(-1.0, 5.5, 66)
ax.hist(np.round(real_samples(10_000).numpy()[:, 0], 2), bins=bins, histtype="step", label="real N(3, 0.5)", color="black")
ax.hist(np.round(before, 2), bins=bins, histtype="step", label="generator, before", color="tab:gray", linestyle="--")
ax.hist(np.round(after, 2), bins=bins, histtype="step", label="generator, after", color="tab:red")
ax.set_title("TensorFlow: real samples and generated samples", fontsize=10)
ax.set_xlabel("x")
ax.set_ylabel("count of 10,000")
ax.legend(frameon=False, fontsize=8)
fig.savefig("gan_tensorflow.svg")  # ±: the curves follow the training above, which varies by CPU
# --8<-- [end:result]

# --8<-- [start:saturation]
# Why the non-saturating loss: early on D confidently rejects fakes (logit -5, D(G(z)) = 0.007).
logit = tf.Variable(-5.0)
with tf.GradientTape(persistent=True) as tape:
    saturating_loss = tf.math.log(1 - tf.sigmoid(logit))  # G minimises this
    non_saturating_loss = -tf.math.log(tf.sigmoid(logit))  # G minimises this
saturating, non_saturating = tape.gradient(saturating_loss, logit), tape.gradient(non_saturating_loss, logit)
print(f"gradient at logit -5: log(1 - D) {float(saturating):.4f}, -log D {float(non_saturating):.4f}")
# --8<-- [end:saturation]

# --8<-- [start:stabilisers]
# Spectral normalisation: divide a layer's weight by its largest singular value (power iteration).
dense = keras.layers.Dense(32)
layer = keras.layers.SpectralNormalization(dense)
layer.build((None, 32))
print(f"largest singular value of the weight: {np.linalg.norm(dense.kernel.numpy(), 2):.2f}", end=" -> ")
for _ in range(10):  # each call with training=True runs one power iteration and rescales the kernel
    layer(tf.random.normal((4, 32)), training=True)
print(f"{np.linalg.norm(dense.kernel.numpy(), 2):.2f} with SpectralNormalization")


def gradient_penalty(critic, real, fake):
    """WGAN-GP: penalise the critic where its gradient norm, between real and fake samples, is not 1."""
    eps = tf.random.uniform((real.shape[0], 1))
    mixed = eps * real + (1 - eps) * fake
    with tf.GradientTape() as tape:
        tape.watch(mixed)
        score = critic(mixed)
    grads = tape.gradient(score, mixed)  # inside another tape in real training, to differentiate it
    return tf.reduce_mean((tf.norm(grads, axis=1) - 1.0) ** 2)


penalty = gradient_penalty(discriminator, real_samples(BATCH), generator(tf.random.normal((BATCH, NOISE))))
print(f"gradient penalty of the trained discriminator: {float(penalty):.3f}")  # ±0.03 on other CPUs
# --8<-- [end:stabilisers]
