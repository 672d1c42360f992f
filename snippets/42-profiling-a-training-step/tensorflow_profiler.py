"""TensorFlow: profile training steps with tf.profiler and see what it writes."""

import os
import re
import tempfile

import keras
import tensorflow as tf

keras.utils.set_random_seed(0)

# --8<-- [start:setup]
model = keras.Sequential([keras.Input((256,)), keras.layers.Dense(512, activation="relu"), keras.layers.Dense(1)])
optimizer = keras.optimizers.SGD(learning_rate=0.01)
dataset = tf.data.Dataset.from_tensor_slices((tf.random.normal((256, 256)), tf.random.normal((256, 1)))).batch(32)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x, training=True) - y) ** 2)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


train_step(*next(iter(dataset)))  # trace the function before profiling
# --8<-- [end:setup]


def written(logdir):
    """Files under logdir, with the run's timestamp and the host name replaced."""
    found = []
    for root, _, files in os.walk(logdir):
        for name in files:
            path = os.path.relpath(os.path.join(root, name), logdir)
            path = re.sub(r"\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d", "<run>", path)
            found.append(path.replace(name.split(".")[0] + ".", "<host>.", 1) if ".xplane" in name else path)
    return sorted(found)


def event_names(logdir):
    """What the trace recorded, read without TensorBoard (the XSpace protocol buffer)."""
    from tensorflow.tsl.profiler.protobuf import xplane_pb2  # internal module, used only to inspect

    names = set()
    for root, _, files in os.walk(logdir):
        for name in files:
            if name.endswith(".xplane.pb"):
                space = xplane_pb2.XSpace()
                with open(os.path.join(root, name), "rb") as f:
                    space.ParseFromString(f.read())
                names |= {m.name for plane in space.planes for m in plane.event_metadata.values()}
    return names


# --8<-- [start:profile]
with tempfile.TemporaryDirectory() as logdir:
    tf.profiler.experimental.start(logdir)
    for step, (x, y) in enumerate(dataset):
        with tf.profiler.experimental.Trace("train", step_num=step, _r=1):  # marks a step
            train_step(x, y)
    tf.profiler.experimental.stop()
    print("files written:", written(logdir))
    names = event_names(logdir)
    print("step marker 'train' recorded:", "train" in names)
    print("matmul ops recorded:", any(n.endswith(":MatMul") for n in names))
    print("input pipeline recorded:", any(n.startswith("Iterator::") for n in names))
# --8<-- [end:profile]

# --8<-- [start:keras]
# With model.fit, the TensorBoard callback profiles a range of batches for you. It also writes
# scalar summaries, which need the tensorboard package: tensorflow-cpu 2.21 does not install it.
model.compile(optimizer="sgd", loss="mse")
with tempfile.TemporaryDirectory() as logdir:
    callback = keras.callbacks.TensorBoard(log_dir=logdir, profile_batch=(2, 4))
    try:
        model.fit(dataset, epochs=1, callbacks=[callback], verbose=0)
        print("TensorBoard(profile_batch=(2, 4)) wrote:", [p for p in written(logdir) if ".xplane" in p])
    except Exception as err:  # TBNotInstalledError without `pip install tensorboard`
        print("TensorBoard callback ->", type(err).__name__ + ":", err)
# --8<-- [end:keras]
