"""TensorFlow devices: listing them, tf.device, soft placement, automatic copies, NumPy copies."""

import logging
import time

import numpy as np
import tensorflow as tf

tf.random.set_seed(0)

# --8<-- [start:list]
# Split the one physical CPU into two logical devices, to have two devices to place on.
# This must run before TensorFlow initialises its runtime (before the first op).
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)

print("physical GPUs:", tf.config.list_physical_devices("GPU"))
print("logical devices:", [d.name for d in tf.config.list_logical_devices()])
print("built with CUDA:", tf.test.is_built_with_cuda())
print("soft device placement (default):", tf.config.get_soft_device_placement())
x = tf.constant([1.0, 2.0])
print("default placement of a new tensor:", x.device)
# --8<-- [end:list]

# --8<-- [start:placement]
# Soft placement: asking for a GPU that is not there silently falls back to the CPU.
with tf.device("/GPU:0"):
    y = x * 2
print("under tf.device('/GPU:0'):", y.device)

# Hard placement turns the same request into an error.
tf.config.set_soft_device_placement(False)
try:
    with tf.device("/GPU:0"):
        x * 2
except tf.errors.InvalidArgumentError as err:
    print("soft placement off ->", type(err).__name__ + ":", err.message.rstrip())
tf.config.set_soft_device_placement(True)

# Operands on different devices: no error, TensorFlow copies the input for you.
with tf.device("/CPU:0"):
    a = tf.constant([1.0, 2.0])
with tf.device("/CPU:1"):
    b = tf.constant([10.0, 20.0])
    total = a + b  # a is copied to CPU:1
print("a on", a.device[-5:], "| b on", b.device[-5:], "| a + b on", total.device[-5:], "=", total.numpy().tolist())
# An explicit copy to a device: tf.identity under tf.device (the counterpart of .to(device)).
with tf.device("/CPU:1"):
    a_on_1 = tf.identity(a)
print("tf.identity(a) under /CPU:1 ->", a_on_1.device[-5:], "| a itself still on", a.device[-5:])
# Variables are placed once, when created, and stay there.
with tf.device("/CPU:1"):
    v = tf.Variable([0.0, 0.0])
print("variable created under /CPU:1 lives on", v.device[-5:])
# --8<-- [end:placement]

# --8<-- [start:prefetch]
# No pinning call in TensorFlow: the runtime stages host-to-GPU copies itself. The input
# pipeline can deliver batches already on the device; on a GPU machine pass "/GPU:0".
dataset = tf.data.Dataset.range(6).map(lambda i: tf.cast(i, tf.float32)).batch(2)
dataset = dataset.apply(tf.data.experimental.prefetch_to_device("/CPU:1", buffer_size=2))  # last step
print("batches arrive on:", sorted({batch.device[-5:] for batch in dataset}))
# --8<-- [end:prefetch]

# --8<-- [start:copies]
big = tf.zeros([2048, 2048])  # 16 MiB of float32
as_numpy = big.numpy()  # a copy: EagerTensor.numpy() always copies
as_view = np.asarray(big)  # zero-copy, read-only view of a CPU tensor's buffer
print("numpy() copies:", not np.shares_memory(as_numpy, np.asarray(big)), "| np.asarray shares:", np.shares_memory(as_view, np.asarray(big)))
print("the view is read-only:", not as_view.flags.writeable, "| the copy is writable:", as_numpy.flags.writeable)
src = np.ones(3, dtype=np.float32)
t = tf.constant(src)
src[0] = 9.0
print("tf.constant copied its input:", t.numpy().tolist())


def per_call_ms(fn, repeat=20):
    fn()
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat * 1e3


copy_ms, view_ms = per_call_ms(big.numpy), per_call_ms(lambda: np.asarray(big))
print(f"[sample] numpy() of 16 MiB: {copy_ms:.2f} ms | np.asarray view: {view_ms * 1e3:.1f} us | ratio {copy_ms / view_ms:.0f}x")
# --8<-- [end:copies]

# --8<-- [start:changed]
# tf.test.is_gpu_available() still exists in TF 2.21 but is deprecated; the warning goes to
# TensorFlow's logger, captured here.
messages = []
handler = logging.Handler()
handler.emit = lambda record: messages.append(record.getMessage())
tf.get_logger().addHandler(handler)
print("tf.test.is_gpu_available():", tf.test.is_gpu_available())
tf.get_logger().removeHandler(handler)
message = " ".join(messages[0].split()) if messages else "nothing"
print("logged:", message[message.find("is_gpu_available") :])
print("the replacement, tf.config.list_physical_devices('GPU'):", tf.config.list_physical_devices("GPU"))
# --8<-- [end:changed]
