"""Keras: trainable=False on a BatchNormalization layer also makes it run in inference mode."""

import keras
import numpy as np

keras.utils.set_random_seed(0)


def rounded(t):
    return [round(v, 4) for v in np.asarray(t).flatten().tolist()]


# --8<-- [start:frozen]
bn = keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5)
batch = np.array([[1.0], [2.0], [3.0], [6.0]], "float32")
print("trainable BN, training=True: ", rounded(bn(batch, training=True)), "(batch statistics)")
print("  moving mean after that step:", round(float(bn.moving_mean[0]), 4))

bn.trainable = False  # freeze, as when fine-tuning a pretrained base
mean_before = float(bn.moving_mean[0])
frozen = bn(batch, training=True)  # training=True is ignored for the normalization
print("frozen BN,    training=True: ", rounded(frozen))
print("frozen BN,    training=False:", rounded(bn(batch, training=False)))
print(
    "same as inference:",
    np.allclose(frozen, bn(batch, training=False)),
    "| moving mean still",
    round(mean_before, 4),
    "->",
    round(float(bn.moving_mean[0]), 4),
)
print("trainable weights left:", len(bn.trainable_weights), "| non-trainable:", [w.name for w in bn.non_trainable_weights])
# --8<-- [end:frozen]
