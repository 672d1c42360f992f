"""The seed's MirroredStrategy() on a machine without GPUs: one replica, no parallelism."""

import tensorflow as tf

# --8<-- [start:seed]
strategy = tf.distribute.MirroredStrategy()  # the seed's line: no device list
print("GPUs visible:", len(tf.config.list_physical_devices("GPU")))
print("replicas in sync:", strategy.num_replicas_in_sync)
print("replica devices:", [d.split("/")[-1] for d in strategy.extended.worker_devices])

# Logical devices must be configured before TensorFlow initialises its runtime.
cpu = tf.config.list_physical_devices("CPU")[0]
try:
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
except RuntimeError as err:
    print("split the CPU afterwards ->", type(err).__name__ + ":", err)
# --8<-- [end:seed]
