"""tf.data, TensorFlow's counterpart of PyTorch's DataLoader: batching, seeded shuffling, padding."""

import keras
import tensorflow as tf

keras.utils.set_random_seed(0)
SENTENCES = [[5, 12], [7, 3, 9, 14, 2, 8], [4, 4, 11], [6, 1, 13, 2, 10], [3, 9, 9, 5, 7, 1], [8, 2, 6]]


def as_lists(dataset):
    return [batch.numpy().tolist() for batch in dataset]


# --8<-- [start:shuffle]
numbers = tf.data.Dataset.range(10)


def pipeline(seed, buffer_size=10):
    # buffer_size >= dataset size gives a full shuffle; each new pass reshuffles by default.
    return numbers.shuffle(buffer_size, seed=seed).batch(4)


first = pipeline(seed=42)
print("seed 42, epoch 1:", as_lists(first))
print("seed 42, epoch 2:", as_lists(first))  # same dataset object: a new order each epoch
print("new pipeline, seed 42, epoch 1:", as_lists(pipeline(seed=42)))  # reproduced
print("new pipeline, seed 7,  epoch 1:", as_lists(pipeline(seed=7)))
print("buffer_size=2 (barely shuffled):", as_lists(pipeline(seed=42, buffer_size=2)))
print("drop_remainder=True batch sizes:", [len(b) for b in as_lists(numbers.batch(4, drop_remainder=True))])
# --8<-- [end:shuffle]

# --8<-- [start:collate]
# Slicing a RaggedTensor gives one variable-length tensor per element.
data = tf.data.Dataset.from_tensor_slices(tf.ragged.constant(SENTENCES))
data = data.map(lambda tokens: (tokens, tf.size(tokens), tf.cast(tf.size(tokens) > 4, tf.int32)))

try:  # .batch() stacks elements, which needs equal shapes
    next(iter(data.batch(3)))
except tf.errors.InvalidArgumentError as err:
    print("batch ->", type(err).__name__ + ":", err.message.split("}} ")[-1].split(". Shapes")[0])

padded, lengths, labels = next(iter(data.padded_batch(3, padding_values=(0, 0, 0))))
print("padded batch:", tuple(padded.shape), padded.numpy().tolist())
print("lengths:", lengths.numpy().tolist(), "labels:", labels.numpy().tolist())
ragged, _, _ = next(iter(data.ragged_batch(3)))  # or keep it ragged, no padding at all
print("ragged batch row lengths:", ragged.row_lengths().numpy().tolist())
# --8<-- [end:collate]


# --8<-- [start:device]
if tf.config.list_physical_devices("GPU"):
    # Keras' fit copies batches to the GPU itself; prefetch_to_device stages them there early.
    on_gpu = data.padded_batch(3).apply(tf.data.experimental.prefetch_to_device("/gpu:0"))
else:
    print("CPU only: batches stay in host memory, devices:", [d.device_type for d in tf.config.list_physical_devices()])
# --8<-- [end:device]
