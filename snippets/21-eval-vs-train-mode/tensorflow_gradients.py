"""training=False does not stop gradient recording either: the tape decides that."""

import keras
import numpy as np
import tensorflow as tf

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
x = np.random.default_rng(0).normal(size=(16, 4)).astype("float32")

# --8<-- [start:gradients]
# Inference-mode call inside a tape: gradients are still recorded and computed.
with tf.GradientTape() as tape:
    out = model(x, training=False)
grads = tape.gradient(out, model.trainable_variables)
print("gradients with training=False:", sum(g is not None for g in grads), "of", len(grads))

# The flag only picks the layers' behaviour; recording is the tape's job. TensorFlow's
# counterpart of torch.no_grad() is not opening a tape (or tf.stop_gradient on a value).
print("BatchNormalization moving stats are non-trainable variables:", [v.name for v in model.layers[1].non_trainable_variables])
# --8<-- [end:gradients]
