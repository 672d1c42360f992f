"""tf.data parallelism: parallel map, prefetch, interleave and shard (DataLoader workers' counterpart)."""

import time

import keras
import tensorflow as tf

keras.utils.set_random_seed(0)


# --8<-- [start:parallel]
def slow_read(index):
    """Stands in for reading and decoding a file: each element waits 100 ms (outside TensorFlow)."""
    time.sleep(0.1)
    return index


def read(index):
    return tf.py_function(slow_read, [index], Tout=tf.int64)


for calls in (None, tf.data.AUTOTUNE):
    pipeline = (
        tf.data.Dataset.range(32)
        .map(read, num_parallel_calls=calls)  # threads in this process, not worker processes
        .batch(8)
        .prefetch(tf.data.AUTOTUNE)  # prepare the next batches while the model trains
    )
    start = time.perf_counter()
    batches = [b.numpy().tolist() for b in pipeline]
    label = "sequential map" if calls is None else "num_parallel_calls=AUTOTUNE"
    print(f"{label}: one epoch in {time.perf_counter() - start:.2f} s [sample]")
print("order kept (deterministic by default):", [b[0] for b in batches])
# --8<-- [end:parallel]

# --8<-- [start:shard]
# Sharding: each reader (worker, host) keeps every num_shards-th element.
stream = tf.data.Dataset.range(6)
print("shard 0 of 2:", [int(x) for x in stream.shard(num_shards=2, index=0)])
print("shard 1 of 2:", [int(x) for x in stream.shard(num_shards=2, index=1)])

# interleave reads several sources (files) at once, mixing their elements.
files = tf.data.Dataset.range(2)  # two "files" of three records each
records = files.interleave(
    lambda f: tf.data.Dataset.range(f * 10, f * 10 + 3),
    cycle_length=2,
    num_parallel_calls=tf.data.AUTOTUNE,
)
print("interleave two files:", [int(x) for x in records])

# A Python generator is the IterableDataset analogue; tf.data pulls from it in this process.
from_python = tf.data.Dataset.from_generator(
    lambda: iter(range(4)),
    output_signature=tf.TensorSpec(shape=(), dtype=tf.int64),
)
print("from_generator:", [int(x) for x in from_python])
# --8<-- [end:shard]
