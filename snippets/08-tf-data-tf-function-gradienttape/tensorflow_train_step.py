"""A custom training step: tf.data batches, a tf.function-compiled step, tf.GradientTape gradients."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)  # seeds Python, NumPy and TensorFlow in one call

# Tiny data made in code: y = 3*x0 - 2*x1 + 1 plus a little noise.
rng = np.random.default_rng(0)
features = rng.normal(size=(64, 2)).astype("float32")
targets = (features @ np.array([3.0, -2.0], dtype="float32") + 1.0 + 0.1 * rng.normal(size=64)).astype("float32")

# The same pipeline as tensorflow_pipeline.py.
AUTOTUNE = tf.data.AUTOTUNE
mean, std = features.mean(axis=0), features.std(axis=0)


def standardize(x, y):
    return (x - mean) / std, y


dataset = (
    tf.data.Dataset.from_tensor_slices((features, targets))  # one element per row
    .map(standardize, num_parallel_calls=AUTOTUNE)  # parallel, order still deterministic
    .shuffle(buffer_size=64, seed=0)  # reshuffled every epoch, reproducibly
    .batch(16)
    .prefetch(AUTOTUNE)  # prepare the next batch while the model trains on this one
)

# --8<-- [start:train]
model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
optimizer = keras.optimizers.SGD(learning_rate=0.1)
loss_fn = keras.losses.MeanSquaredError()


@tf.function  # traced once, then every step runs as a graph
def train_step(x, y):
    with tf.GradientTape() as tape:  # records the forward pass
        pred = tf.squeeze(model(x, training=True), axis=-1)
        loss = loss_fn(y, pred)
    grads = tape.gradient(loss, model.trainable_variables)  # reverse-mode autodiff
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


for epoch in range(6):
    losses = [float(train_step(x, y)) for x, y in dataset]
    print(f"epoch {epoch}: mean loss {np.mean(losses):.4f}")
print("train_step traces:", train_step.experimental_get_tracing_count())
# The noise added to the targets has variance 0.01: that is the floor the loss approaches.
# --8<-- [end:train]
