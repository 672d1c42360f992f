"""TensorFlow / Keras: gradient accumulation, recompute_grad, mixed_bfloat16 and optimizer state, in bytes."""

import inspect

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
BATCH = 256
x = tf.random.normal((BATCH, 512))
y = tf.random.uniform((BATCH,), 0, 10, dtype=tf.int32)
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)


def make_model(seed=0):
    keras.utils.set_random_seed(seed)
    return keras.Sequential([
        keras.Input((512,)), keras.layers.Dense(1024, activation="gelu"),
        keras.layers.Dense(1024, activation="gelu"), keras.layers.Dense(10),
    ])


# --8<-- [start:accumulate]
def big_batch_grads(model):
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x, training=True))
    return tape.gradient(loss, model.trainable_variables)


def accumulated_grads(model, micro_batches):
    total = [tf.zeros_like(v) for v in model.trainable_variables]
    for xb, yb in zip(tf.split(x, micro_batches), tf.split(y, micro_batches)):
        with tf.GradientTape() as tape:
            loss = loss_fn(yb, model(xb, training=True)) / micro_batches
        total = [t + g for t, g in zip(total, tape.gradient(loss, model.trainable_variables))]
    return total


model = make_model()
full = big_batch_grads(model)
accumulated = accumulated_grads(model, micro_batches=8)  # 8 micro-batches of 32 = one batch of 256
diff = max(float(tf.reduce_max(tf.abs(a - b))) for a, b in zip(full, accumulated))
print(f"max |big batch - accumulated| = {diff:.1e} [sample]")
print("same gradients (max difference < 1e-6):", diff < 1e-6)
# --8<-- [end:accumulate]

# --8<-- [start:keras_accumulation]
# Keras 3 optimizers accumulate for you: gradient_accumulation_steps=n applies the average
# of n batches' gradients every n-th step, and only updates the model then.
print("SGD has gradient_accumulation_steps:",
      "gradient_accumulation_steps" in inspect.signature(keras.optimizers.SGD).parameters)
weights = {}
for name, batch_size, optimizer in [
    ("one batch of 256", 256, keras.optimizers.SGD(learning_rate=0.1)),
    ("8 x 32, accumulated", 32, keras.optimizers.SGD(learning_rate=0.1, gradient_accumulation_steps=8)),
]:
    model = make_model()
    model.compile(optimizer=optimizer, loss=loss_fn)
    model.fit(x, y, batch_size=batch_size, epochs=1, shuffle=False, verbose=0)
    weights[name] = model.get_weights()
    print(f"{name}: optimizer.iterations = {int(optimizer.iterations)}")
diff = max(np.abs(a - b).max() for a, b in zip(*weights.values()))
print(f"max weight difference after the update = {diff:.1e} [sample]")
print("same update (max difference < 1e-6):", diff < 1e-6)
# --8<-- [end:keras_accumulation]


# --8<-- [start:recompute]
model = make_model()
dense1, dense2, head = model.layers
calls = {"n": 0}


def block(h):  # recomputed during the backward pass instead of keeping its activations
    calls["n"] += 1
    return dense2(dense1(h))


with tf.GradientTape() as tape:
    loss = loss_fn(y, head(tf.recompute_grad(block)(x)))
grads_recomputed = tape.gradient(loss, model.trainable_variables)
print("block ran", calls["n"], "times with tf.recompute_grad (forward + recomputation)")
same = all(np.allclose(a, b, atol=1e-6) for a, b in zip(big_batch_grads(model), grads_recomputed))
print("same gradients as without it:", same)
# --8<-- [end:recompute]


# --8<-- [start:mixed]
def activation_bytes(model):
    """Bytes of each layer's output for one batch: what backprop keeps per layer."""
    h, total = x, 0
    for layer in model.layers:
        h = layer(h)
        total += h.shape.num_elements() * h.dtype.size
    return total, h.dtype


fp32_bytes, fp32_dtype = activation_bytes(make_model())
keras.mixed_precision.set_dtype_policy("mixed_bfloat16")  # "mixed_float16" on most GPUs
mixed = make_model()
bf16_bytes, bf16_dtype = activation_bytes(mixed)
keras.mixed_precision.set_dtype_policy("float32")
print(f"layer outputs, float32:        {fp32_bytes:,} bytes ({fp32_dtype.name})")
print(f"layer outputs, mixed_bfloat16: {bf16_bytes:,} bytes ({bf16_dtype.name}), {fp32_bytes / bf16_bytes:.1f}x less")
print("weights stay", mixed.layers[0].kernel.dtype, "under mixed_bfloat16")
# --8<-- [end:mixed]


# --8<-- [start:optimizer]
def nbytes(variables):
    return sum(int(np.prod(v.shape)) * np.dtype(v.dtype).itemsize for v in variables)


model = make_model()
param_bytes = nbytes(model.trainable_variables)
print(f"parameters: {param_bytes:,} bytes")
for name, optimizer in [
    ("SGD", keras.optimizers.SGD()),
    ("SGD(momentum=0.9)", keras.optimizers.SGD(momentum=0.9)),
    ("Adam", keras.optimizers.Adam()),
    ("Adafactor", keras.optimizers.Adafactor()),
    ("Adam, accumulating", keras.optimizers.Adam(gradient_accumulation_steps=8)),
]:
    optimizer.build(model.trainable_variables)  # creates the slots (state variables)
    state = [v for v in optimizer.variables if len(v.shape) > 0]  # skip scalar counters
    print(f"{name:18s} state: {nbytes(state):>10,} bytes = {nbytes(state) / param_bytes:.2f}x the parameters")
# --8<-- [end:optimizer]

# --8<-- [start:peak]
try:  # allocator statistics exist for GPUs; the CPU one here keeps none
    print("get_memory_info('CPU:0'):", tf.config.experimental.get_memory_info("CPU:0"))
except ValueError as err:
    print("get_memory_info('CPU:0') -> ValueError:", err)
if tf.config.list_physical_devices("GPU"):  # not run for this page's recording: it has no GPU
    tf.config.experimental.reset_memory_stats("GPU:0")
    big_batch_grads(model)
    print("GPU peak:", f"{tf.config.experimental.get_memory_info('GPU:0')['peak']:,} bytes [sample]")
# --8<-- [end:peak]
