"""Two-replica synchronous data parallelism with tf.distribute.MirroredStrategy, on one CPU.

A machine without GPUs has one CPU device, so the program splits it into two logical devices
before TensorFlow initialises. MirroredStrategy then runs exactly as it would on two GPUs,
with a CPU all-reduce in place of NCCL.
"""

import keras
import numpy as np
import tensorflow as tf

# --8<-- [start:devices]
# Split the physical CPU into two logical devices (must run before anything touches TF's runtime).
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration(), tf.config.LogicalDeviceConfiguration()])
print("logical CPUs:", [d.name.split(":", 1)[1] for d in tf.config.list_logical_devices("CPU")])

# On a GPU machine: tf.distribute.MirroredStrategy() picks every visible GPU.
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
print("replicas in sync:", strategy.num_replicas_in_sync)
# --8<-- [end:devices]

# --8<-- [start:batch]
PER_REPLICA_BATCH = 8
GLOBAL_BATCH = PER_REPLICA_BATCH * strategy.num_replicas_in_sync  # what the dataset batches by

rng = np.random.default_rng(0)
x = rng.normal(size=(64, 4)).astype("float32")
y = x @ np.array([[1.0], [-2.0], [0.5], [3.0]], dtype="float32")
dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(GLOBAL_BATCH)

# The strategy splits every global batch between the replicas.
dist_dataset = strategy.experimental_distribute_dataset(dataset)


@tf.function
def batch_rows(features):
    replica = tf.distribute.get_replica_context().replica_id_in_sync_group
    return replica, tf.shape(features)[0]


features, _ = next(iter(dist_dataset))
replicas, rows = strategy.run(batch_rows, args=(features,))
print("global batch:", GLOBAL_BATCH)
for replica, n in zip(strategy.experimental_local_results(replicas), strategy.experimental_local_results(rows)):
    print(f"  replica {int(replica)} got {int(n)} rows")
# --8<-- [end:batch]


# --8<-- [start:fit]
def build_model():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
    return model


with strategy.scope():  # variables created here are mirrored on every replica
    model = build_model()
print("kernel is a", type(model.layers[0].kernel.value).__name__)

history = model.fit(dataset, epochs=5, verbose=0)  # fit distributes the dataset itself
print("final loss (2 replicas):", round(history.history["loss"][-1], 4))

# The same model trained on one device with the same global batch ends in the same place:
# synchronous data parallelism averages gradients, so it is big-batch SGD split across devices.
single = build_model()
single_history = single.fit(dataset, epochs=5, verbose=0)
print("final loss (1 device): ", round(single_history.history["loss"][-1], 4))
diff = max(np.abs(a - b).max() for a, b in zip(model.get_weights(), single.get_weights()))
print(f"max |weight difference|: {diff:.6f}")
# --8<-- [end:fit]
