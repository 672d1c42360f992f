"""Reproducibility in TensorFlow/Keras: seeds, op determinism, tf.data order, and why CPUs differ."""

import random

import keras
import numpy as np
import tensorflow as tf

# --8<-- [start:deterministic]
# The docs' recipe: near the start of the program, before any random op runs.
tf.config.experimental.enable_op_determinism()
try:
    tf.random.uniform([2])  # no seed set yet
except RuntimeError as err:
    print("RuntimeError:", err)
try:
    tf.timestamp()  # often used to seed things, so it is refused too
except tf.errors.FailedPreconditionError as err:
    print("FailedPreconditionError:", err.message.split("}} ")[-1].split(" [Op")[0])
keras.utils.set_random_seed(0)  # seeds Python's random, NumPy, TensorFlow (and Keras's SeedGenerator)
print("seeded random op:", [round(v, 4) for v in tf.random.uniform([2]).numpy().tolist()])
# --8<-- [end:deterministic]


# --8<-- [start:seed]
def draw():
    return random.random(), np.random.rand(), float(tf.random.uniform([]))


keras.utils.set_random_seed(0)
first = draw()
keras.utils.set_random_seed(0)
print("same seed, same numbers:", draw() == first)
print("without reseeding:      ", draw() == first)

# tf.random.set_seed sets the global seed; each random op derives its own seed from it and a counter.
tf.random.set_seed(7)
a1, a2 = float(tf.random.uniform([])), float(tf.random.uniform([]))
tf.random.set_seed(7)
print("after set_seed again, the same sequence:", [float(tf.random.uniform([])), float(tf.random.uniform([]))] == [a1, a2])
print("two calls in one sequence differ:", a1 != a2)

# A local generator is independent of the global seed (and of how many numbers others drew).
g = tf.random.Generator.from_seed(42)
print("local generator:", g.uniform([5], maxval=100, dtype=tf.int32).numpy().tolist())
# Stateless ops: the output is a pure function of (shape, seed), no state at all.
print("stateless, twice:", [tf.random.stateless_uniform([3], seed=[1, 2], maxval=100, dtype=tf.int32).numpy().tolist() for _ in range(2)])


def train(seed):
    """Seed, build, train: everything random happens after the seed, in the same order."""
    keras.utils.set_random_seed(seed)
    x = np.random.randn(256, 8).astype("float32")
    y = np.tanh(x[:, :1] - 2 * x[:, 1:2])
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"), keras.layers.Dropout(0.1), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="mse")
    history = model.fit(x, y, batch_size=32, epochs=5, verbose=0)  # fit shuffles with the seeded generators
    return model, history.history["loss"][-1]


model_a, loss_a = train(seed=0)
model_b, loss_b = train(seed=0)
same = all(np.array_equal(p, q) for p, q in zip(model_a.get_weights(), model_b.get_weights()))
print("two training runs, seed 0: weights bit-identical:", same, "| losses equal:", loss_a == loss_b)
print(f"final loss {loss_a:.4f}")  # ±3% on other CPUs
_, loss_c = train(seed=1)
print("seed 1 gives another run:", loss_c != loss_a)
# --8<-- [end:seed]

# --8<-- [start:data]
# tf.data has no worker processes to seed: shuffle and random ops take seeds, and parallel map
# keeps the input order unless you pass deterministic=False (op determinism overrides even that).
def pipeline(seed):
    ds = tf.data.Dataset.range(8).shuffle(8, seed=seed)
    noise = tf.data.Dataset.random(seed=seed)  # one random int64 per element, reproducible
    ds = tf.data.Dataset.zip(ds, noise).map(lambda i, r: (i, r % 1000), num_parallel_calls=tf.data.AUTOTUNE)
    return [(int(i), int(r)) for i, r in ds]


print("pipeline, seed 0:      ", pipeline(0)[:4])
print("same seed, same output:", pipeline(0) == pipeline(0))
print("options.deterministic default:", tf.data.Options().deterministic)
# --8<-- [end:data]

# --8<-- [start:cpus]
# Float addition is not associative: the order of a sum changes its last bits.
print("(0.1 + 0.2) + 0.3 == 0.1 + (0.2 + 0.3):", (0.1 + 0.2) + 0.3 == 0.1 + (0.2 + 0.3))
values = tf.random.stateless_uniform([4096], seed=[0, 0])


def lane_sum(x, lanes):
    """Sum as a SIMD kernel does: `lanes` running sums (8 floats in an AVX2 register, 16 in
    AVX-512), added together at the end. Every add is a float32 add, exact on any CPU."""
    acc = tf.zeros([lanes])
    for chunk in tf.reshape(x, [-1, lanes]):
        acc = acc + chunk
    total = tf.zeros([])
    for v in acc:
        total = total + v
    return float(total)


for lanes in (1, 8, 16):
    print(f"sum of 4096 float32 values with {lanes:2d} lanes: {lane_sum(values, lanes):.9g}")
print(f"tf.reduce_sum on this CPU:             {float(tf.reduce_sum(values)):.9g}")  # ±0.002 on other CPUs
# --8<-- [end:cpus]
