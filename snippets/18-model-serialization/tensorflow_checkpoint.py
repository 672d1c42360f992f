"""tf.train.Checkpoint + CheckpointManager: save model, optimizer, data position and epoch; resume exactly."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
X = tf.random.normal((64, 4), seed=1)
y = tf.matmul(X, [[1.0], [-2.0], [0.5], [3.0]]) + 0.1 * tf.random.normal((64, 1), seed=2)


def make_model():
    keras.utils.set_random_seed(1)  # same initial weights every time
    return keras.Sequential(
        [keras.Input((4,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dropout(0.2), keras.layers.Dense(1)]
    )


def make_batches():
    """An iterator over shuffled mini-batches, 4 per epoch; its position can be checkpointed."""
    return iter(tf.data.Dataset.from_tensor_slices((X, y)).shuffle(64, seed=3).batch(16).repeat())


def train_epochs(model, optimizer, batches, epoch, last):
    while int(epoch) < last:
        for _ in range(4):
            xb, yb = next(batches)
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean((model(xb, training=True) - yb) ** 2)
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables))
        epoch.assign_add(1)
        yield float(loss)


# --8<-- [start:checkpoint]
# Uninterrupted: 6 epochs in one go.
model, optimizer, batches, epoch = make_model(), keras.optimizers.Adam(0.03), make_batches(), tf.Variable(0)
loss_straight = list(train_epochs(model, optimizer, batches, epoch, 6))[-1]
weights_straight = [w.numpy() for w in model.weights]

# Interrupted: 3 epochs, a checkpoint after each, keeping the last 2.
model, optimizer, batches, epoch = make_model(), keras.optimizers.Adam(0.03), make_batches(), tf.Variable(0)
checkpoint = tf.train.Checkpoint(
    model=model,
    optimizer=optimizer,  # Adam's iteration count and moments
    batches=batches,  # the tf.data iterator: shuffle buffer and position
    epoch=epoch,
    dropout_seed=model.layers[1].seed_generator.state,  # not part of the model's checkpoint
)
manager = tf.train.CheckpointManager(checkpoint, "checkpoints", max_to_keep=2)
for _ in train_epochs(model, optimizer, batches, epoch, 3):
    manager.save()
print("kept:", manager.checkpoints)
del model, optimizer, batches, epoch, checkpoint, manager  # as if the process had died

# Resume: fresh objects with the same structure, restore the latest checkpoint into them.
model, optimizer, batches, epoch = make_model(), keras.optimizers.Adam(0.03), make_batches(), tf.Variable(0)
checkpoint = tf.train.Checkpoint(
    model=model, optimizer=optimizer, batches=batches, epoch=epoch, dropout_seed=model.layers[1].seed_generator.state
)
manager = tf.train.CheckpointManager(checkpoint, "checkpoints", max_to_keep=2)
optimizer.build(model.trainable_variables)  # create Adam's slots now, so the check below can see them
checkpoint.restore(manager.latest_checkpoint).assert_consumed()  # every saved value found a home
print("resuming at epoch", int(epoch), "after", int(optimizer.iterations), "optimizer steps")
loss_resumed = list(train_epochs(model, optimizer, batches, epoch, 6))[-1]

print(f"final loss: uninterrupted {loss_straight:.6f} | resumed {loss_resumed:.6f}")
same = all(np.array_equal(a, w.numpy()) for a, w in zip(weights_straight, model.weights))
print("resumed weights identical to uninterrupted:", same)

# Leave the dropout seed out: the model's own checkpoint does not hold it, so the masks differ.
model, optimizer, batches, epoch = make_model(), keras.optimizers.Adam(0.03), make_batches(), tf.Variable(0)
partial = tf.train.Checkpoint(model=model, optimizer=optimizer, batches=batches, epoch=epoch)
partial.restore(manager.latest_checkpoint).expect_partial()  # dropout_seed in the file is ignored
list(train_epochs(model, optimizer, batches, epoch, 6))
same = all(np.array_equal(a, w.numpy()) for a, w in zip(weights_straight, model.weights))
print("resume without dropout_seed identical:", same)
# --8<-- [end:checkpoint]
