"""TensorFlow checkpoints store no device: variables are placed where they are created on load."""

import keras
import tensorflow as tf

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8)])
model.save_weights("model.weights.h5")

# --8<-- [start:device]
# No map_location: the file holds arrays only, and the device is chosen by where the
# model's variables are created. tf.device (or a distribution strategy) decides that.
with tf.device("/CPU:0"):
    on_cpu = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8)])
    on_cpu.load_weights("model.weights.h5")
print("loaded under tf.device('/CPU:0'):", on_cpu.weights[0].value.device.split("/")[-1])

if tf.config.list_physical_devices("GPU"):  # what changes on a GPU machine
    with tf.device("/GPU:0"):
        on_gpu = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8)])
        on_gpu.load_weights("model.weights.h5")
    print("loaded under tf.device('/GPU:0'):", on_gpu.weights[0].value.device.split("/")[-1])
# --8<-- [end:device]
