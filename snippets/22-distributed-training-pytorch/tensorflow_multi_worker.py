"""TensorFlow's multi-process counterpart of DDP: MultiWorkerMirroredStrategy, two workers.

`python tensorflow_multi_worker.py` starts two worker processes of itself on the loopback
interface, each with its own TF_CONFIG (the cluster and this worker's index), the way a
cluster scheduler starts one per machine. Question 11 shows the single-process
MirroredStrategy.
"""

import json
import os
import socket
import subprocess
import sys

NUM_WORKERS = 2
PER_REPLICA_BATCH = 8


# --8<-- [start:worker]
def worker():
    import keras  # imported here: the launcher process does not need TensorFlow
    import numpy as np
    import tensorflow as tf

    # Reads TF_CONFIG; must be created before any other TensorFlow op runs.
    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    is_chief = json.loads(os.environ["TF_CONFIG"])["task"]["index"] == 0
    global_batch = PER_REPLICA_BATCH * strategy.num_replicas_in_sync

    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 4)).astype("float32")
    y = x @ np.array([[1.0], [-2.0], [0.5], [3.0]], dtype="float32")
    options = tf.data.Options()  # shard by element: each worker takes every other example
    options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.DATA
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(global_batch).with_options(options)

    with strategy.scope():
        keras.utils.set_random_seed(0)
        model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
        model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
        optimizer = keras.optimizers.SGD(learning_rate=0.1)

    # Keras 3's model.fit fails under this strategy (keras-team/keras#20585).
    try:
        model.fit(dataset, epochs=1, verbose=0)
    except ValueError as err:
        lines = str(err).splitlines()
        if is_chief:
            print("model.fit ->", type(err).__name__ + ":", lines[0][:26], "...", lines[-1][3:])

    # A custom training loop works: the same pattern as DDP, written with strategy.run.
    @tf.function
    def train_step(iterator):
        def replica_step(xb, yb):
            with tf.GradientTape() as tape:
                per_example = tf.reduce_mean(tf.square(model(xb) - yb), axis=-1)
                loss = tf.nn.compute_average_loss(per_example, global_batch_size=global_batch)
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables))  # all-reduced
            return loss, tf.shape(xb)[:1]

        loss, rows = strategy.run(replica_step, args=next(iterator))
        return strategy.reduce("SUM", loss, axis=None), strategy.gather(rows, axis=0)

    dist_dataset = strategy.experimental_distribute_dataset(dataset)
    for _ in range(5):
        iterator = iter(dist_dataset)
        for _ in range(len(x) // global_batch):
            loss, rows = train_step(iterator)

    @tf.function
    def weight_checksum():  # each replica sums its own copy of the weights; gather collects them
        local = strategy.run(lambda: tf.reshape(tf.add_n([tf.reduce_sum(w) for w in model.weights]), [1]))
        return strategy.gather(local, axis=0)

    checksums = weight_checksum().numpy().tolist()
    if is_chief:  # print once, from worker 0
        print("workers x replicas:", NUM_WORKERS, "x", strategy.num_replicas_in_sync // NUM_WORKERS)
        print("global batch:", global_batch, "| rows per replica:", rows.numpy().tolist())
        print("last step loss:", round(float(loss), 4))
        print("weight checksum per replica:", [round(c, 6) for c in checksums])
        print("identical on every replica:", len(set(checksums)) == 1)


# --8<-- [end:worker]


# --8<-- [start:launch]
def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def launch():
    cluster = {"worker": [f"127.0.0.1:{free_port()}" for _ in range(NUM_WORKERS)]}
    workers = []
    for index in range(NUM_WORKERS):
        tf_config = {"cluster": cluster, "task": {"type": "worker", "index": index}}
        env = dict(os.environ, TF_CONFIG=json.dumps(tf_config))
        workers.append(subprocess.Popen([sys.executable, __file__], env=env))
    return max(w.wait() for w in workers)


if __name__ == "__main__":
    if "TF_CONFIG" in os.environ:  # one worker process
        worker()
    else:  # the launcher
        sys.exit(launch())
# --8<-- [end:launch]
