"""The same bug in Keras: calling the model with training=True when predicting."""

import keras
import numpy as np

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input((4,)),
        keras.layers.Dense(8),
        keras.layers.BatchNormalization(),
        keras.layers.ReLU(),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(1),
    ]
)
rng = np.random.default_rng(0)
x = rng.normal(size=(16, 4)).astype("float32")
for _ in range(20):  # "training": let the moving stats see some batches
    model(rng.normal(size=(32, 4)).astype("float32") * 2 + 1, training=True)


def rounded(t):
    return [round(v, 3) for v in np.asarray(t).flatten().tolist()]


# --8<-- [start:bug]
sample = x[:4]
bn = model.layers[1]
stats_before = bn.moving_mean.numpy().copy()

# training=True by mistake (e.g. copied from the training step): random and batch-dependent.
print("training=True, same input twice:", rounded(model(sample, training=True)), "vs", rounded(model(sample, training=True)))
print("moving_mean changed by the 'evaluation':", not np.array_equal(stats_before, bn.moving_mean.numpy()))

# A batch of one: no error in Keras. Its variance is 0, so BatchNormalization outputs beta
# (zeros here) for every feature, whatever the input.
print("training=True, batch of 1, BN output:", rounded(bn(model.layers[0](sample[:1]), training=True)))

# training=False (what predict, evaluate and a plain model(x) use): deterministic.
print("training=False, same input twice:", rounded(model(sample, training=False)), "vs", rounded(model(sample, training=False)))
print("model.predict agrees with training=False:", np.allclose(model.predict(sample, verbose=0), model(sample)))
# --8<-- [end:bug]
