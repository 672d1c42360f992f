"""TensorFlow: tf.recompute_grad trades a second forward pass for the activations the tape keeps."""

import gc
import weakref

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)

# --8<-- [start:model]
layers = [(keras.layers.Dense(256), keras.layers.Dense(256)) for _ in range(8)]
for first, second in layers:
    first.build((None, 256))
    second.build((None, 256))
variables = [v for pair in layers for layer in pair for v in layer.trainable_variables]
x = tf.random.normal((64, 256))  # one activation is 64 x 256 float32 = 65,536 bytes
forward_calls = 0
refs = []  # weak references to each block's intermediate activations


def make_block(first, second):
    def block(h):
        global forward_calls
        forward_calls += 1
        a1 = first(h)
        g1 = tf.nn.gelu(a1)
        a2 = second(g1)
        refs.extend(weakref.ref(t) for t in (a1, g1, a2))
        return tf.nn.gelu(a2)

    return block
# --8<-- [end:model]


# --8<-- [start:measure]
def train_step(recompute):
    global forward_calls
    forward_calls = 0
    refs.clear()
    blocks = [make_block(*pair) for pair in layers]
    if recompute:
        blocks = [tf.recompute_grad(block) for block in blocks]
    with tf.GradientTape() as tape:
        h = x
        for block in blocks:
            h = block(h)
        loss = tf.reduce_mean(h**2)
    gc.collect()
    alive = [r() for r in refs if r() is not None]  # what the tape keeps for the backward pass
    kept = (len(alive), sum(t.numpy().nbytes for t in alive))
    forward_passes = forward_calls
    grads = tape.gradient(loss, variables)  # recomputation happens here, block by block
    return kept, forward_passes, forward_calls, grads


plain = train_step(recompute=False)
recomputed = train_step(recompute=True)
for name, ((count, size), before, after, _) in [("no recompute", plain), ("tf.recompute_grad", recomputed)]:
    print(f"{name:17s}: {count:2d} block intermediates alive, {size:>9,} bytes;"
          f" block calls {before} in forward, {after} after gradient")
print("gradients identical:", all(np.array_equal(a, b) for a, b in zip(plain[3], recomputed[3])))
# On a GPU: tf.config.experimental.reset_memory_stats("GPU:0"), run the step,
# then tf.config.experimental.get_memory_info("GPU:0")["peak"] gives the peak bytes.
# --8<-- [end:measure]
