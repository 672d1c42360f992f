"""See vanishing and exploding signals in a 30-layer ReLU stack, and fix them (He init, LayerNorm, residuals)."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
DEPTH, WIDTH = 30, 256
x = np.random.default_rng(0).standard_normal((256, WIDTH)).astype("float32")


# --8<-- [start:diagnose]
class Block(keras.layers.Layer):
    def __init__(self, init="glorot_uniform", norm=False, residual=False):
        super().__init__()
        self.dense = keras.layers.Dense(WIDTH, kernel_initializer=init)
        self.norm = keras.layers.LayerNormalization() if norm else None
        self.residual = residual

    def call(self, h):
        z = self.dense(h)
        out = keras.ops.relu(self.norm(z) if self.norm else z)
        return h + out if self.residual else out


def report(name, init="glorot_uniform", **block_args):
    keras.utils.set_random_seed(1)
    blocks = [Block(init, **block_args) for _ in range(DEPTH)]
    stds = []
    with tf.GradientTape() as tape:
        h = x
        for block in blocks:
            h = block(h)
            stds.append(float(np.std(np.asarray(h, "float64"))))
        loss = keras.ops.mean(h)  # a probe loss: what reaches each layer's weights
    grads = tape.gradient(loss, [b.dense.kernel for b in blocks])
    norms = [np.linalg.norm(g.numpy().astype("float64")) for g in grads]  # float64: no overflow
    layers = [0, 9, 19, 29]
    print(f"{name}")
    print("  activation std, layers 1/10/20/30:", "  ".join(f"{stds[i]:.2e}" for i in layers))
    print("  weight-grad norm, layers 1/10/20/30:", "  ".join(f"{norms[i]:.2e}" for i in layers))


report("default init (glorot_uniform, zero bias): vanishes")
report("N(0, 1) init: explodes", init=keras.initializers.RandomNormal(stddev=1.0))
# --8<-- [end:diagnose]

# --8<-- [start:fix]
report("He init (HeNormal): stable", init=keras.initializers.HeNormal())
report("default init + LayerNormalization in each block", norm=True)
report("default init + residual h + f(h)", residual=True)
report("default init + residual + LayerNormalization", norm=True, residual=True)
# --8<-- [end:fix]
