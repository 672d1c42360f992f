"""Keras has no global mode: each call takes training=True/False. Dropout and BatchNormalization."""

import keras
import numpy as np

keras.utils.set_random_seed(0)

# --8<-- [start:layers]
# Dropout(0.5): training=True zeroes about half the values and scales the rest by 1/(1-p) = 2.
drop = keras.layers.Dropout(0.5)
x = np.ones((1, 8), "float32")
print("Dropout training=True: ", drop(x, training=True).numpy().tolist()[0])
print("Dropout training=False:", drop(x, training=False).numpy().tolist()[0], "(identity)")
print("Dropout, no argument:  ", drop(x).numpy().tolist()[0], "(a direct call means inference)")

# BatchNormalization: Keras's momentum is the weight of the OLD value (0.99 default);
# momentum=0.9 here matches PyTorch's momentum=0.1.
bn = keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5, center=False, scale=False)
batch = np.array([[1.0], [2.0], [3.0], [6.0]], "float32")  # mean 3, biased var 3.5
print("BN training=True: ", [round(v, 4) for v in bn(batch, training=True).numpy().flatten().tolist()])
print(
    f"  moving stats after 1 training call: mean {float(bn.moving_mean[0]):.4f},"
    f" var {float(bn.moving_variance[0]):.4f} (= 0.9*1 + 0.1*3.5: Keras uses the biased variance)"
)
print("BN training=False:", [round(v, 4) for v in bn(batch, training=False).numpy().flatten().tolist()])
print(f"  moving stats after inference calls: mean {float(bn.moving_mean[0]):.4f}, var {float(bn.moving_variance[0]):.4f}")
# --8<-- [end:layers]
