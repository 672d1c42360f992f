"""One training step, written the TensorFlow way: tf.GradientTape inside tf.function."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 4)).astype("float32")
y = x @ np.array([[1.0], [-2.0], [0.5], [3.0]], dtype="float32") + 0.1

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
initial_weights = model.get_weights()  # kept to replay the same run with fit() below

# --8<-- [start:step]
optimizer = keras.optimizers.SGD(learning_rate=0.05)
loss_fn = keras.losses.MeanSquaredError()


@tf.function  # traced into a graph on the first call, replayed afterwards
def train_step(inputs, targets):
    with tf.GradientTape() as tape:  # records the forward pass
        loss = loss_fn(targets, model(inputs, training=True))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


losses = [float(train_step(x, y)) for _ in range(5)]
print("custom loop:", [round(v, 3) for v in losses])
# --8<-- [end:step]

# --8<-- [start:fit]
# The same five steps, with Keras writing the loop: compile() + fit().
replay = keras.models.clone_model(model)
replay.set_weights(initial_weights)
replay.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss="mse")
history = replay.fit(x, y, batch_size=64, epochs=5, verbose=0)
print("model.fit:  ", [round(v, 3) for v in history.history["loss"]])
# --8<-- [end:fit]
