"""TensorFlow: split a training step into data time and compute time; fix an input-bound tf.data pipeline."""

import time

import keras
import tensorflow as tf

keras.utils.set_random_seed(0)


# --8<-- [start:split]
def slow_decode(x, y):
    """Each element costs 2 ms of 'reading and decoding' (a sleep outside TensorFlow)."""

    def decode(x):
        time.sleep(0.002)
        return x

    return tf.py_function(decode, [x], Tout=tf.float32), y


x_all, y_all = tf.random.normal((768, 1024)), tf.random.normal((768, 1))
source = tf.data.Dataset.from_tensor_slices((x_all, y_all))
model = keras.Sequential([keras.Input((1024,)), keras.layers.Dense(1024, activation="relu"),
                          keras.layers.Dense(1024, activation="relu"), keras.layers.Dense(1)])
optimizer = keras.optimizers.SGD(learning_rate=1e-3)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x, training=True) - y) ** 2)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


def measure(dataset, steps=12, warmup=2):
    """Wall-clock split of each step: waiting for the batch vs running the step."""
    data_time = compute_time = 0.0
    batches = iter(dataset)
    for step in range(steps):
        t0 = time.perf_counter()
        x, y = next(batches)  # data time: how long the loop waits for the next batch
        t1 = time.perf_counter()
        train_step(x, y).numpy()  # .numpy() waits until the step has really finished
        t2 = time.perf_counter()
        if step >= warmup:  # the first steps include tracing and filling buffers
            data_time += t1 - t0
            compute_time += t2 - t1
    return data_time / (data_time + compute_time), data_time, compute_time
# --8<-- [end:split]


# --8<-- [start:fix]
def report(name, dataset):
    share, data_time, compute_time = measure(dataset)
    print(f"{name}: data {data_time * 100:.0f} ms, compute {compute_time * 100:.0f} ms per step,"
          f" data share {share:.0%} [sample]")
    print(f"{name}: input-bound: {share > 0.5}")
    return share


shares = {}
no_overlap = tf.data.Options()
no_overlap.experimental_optimization.inject_prefetch = False  # both on by default, and both
no_overlap.experimental_optimization.map_and_batch_fusion = False  # prepare a batch ahead
slow = source.map(slow_decode).batch(64).with_options(no_overlap)  # one element at a time, nothing ahead
shares["slow"] = report("sequential map", slow)
# Fix 1: decode elements in parallel threads and prefetch batches while the step runs.
options = tf.data.Options()
options.threading.private_threadpool_size = 16  # the runner allows 1 inter-op thread
parallel = (source.map(slow_decode, num_parallel_calls=16).batch(64)
            .prefetch(tf.data.AUTOTUNE).with_options(options))
shares["parallel"] = report("parallel map + prefetch", parallel)
# Fix 2: cache the decoded elements (in memory; cache(filename) for disk) after one pass.
cached = source.map(slow_decode).cache().batch(64).prefetch(tf.data.AUTOTUNE)
for _ in cached:  # the first epoch still pays for decoding, and fills the cache
    pass
shares["cached"] = report("cache() after one epoch", cached)
print("parallel map lowered the data share:", shares["parallel"] < shares["slow"] / 2)
print("caching lowered the data share:", shares["cached"] < shares["slow"] / 2)
# --8<-- [end:fix]
