"""Mixed-precision recipes in Keras: mixed_bfloat16, mixed_float16 + LossScaleOptimizer, half-precision inference."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x, y = rng.standard_normal((32, 64)).astype(np.float32), rng.integers(0, 10, 32)


def build():
    return keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(10),
            keras.layers.Activation("linear", dtype="float32"),  # keep the outputs (and the loss) in fp32
        ]
    )


# --8<-- [start:tf32]
# FP32 matmuls on Ampere+ GPUs: TensorFlow runs them as TF32 on tensor cores by default.
print("TF32 for float32 matmuls enabled:", tf.config.experimental.tensor_float_32_execution_enabled())
# --8<-- [end:tf32]

# --8<-- [start:bf16]
# Recipe 1, bf16 (TPUs, Ampere+ GPUs, CPUs with AMX/AVX-512 BF16): a global policy, no loss scaling.
keras.mixed_precision.set_global_policy("mixed_bfloat16")
model = build()
dense = model.layers[0]
print("mixed_bfloat16: compute", dense.compute_dtype, "| variables", dense.variable_dtype, "| model output", model(x).dtype.name)
model.compile(optimizer=keras.optimizers.SGD(0.1), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.fit(x, y, epochs=1, verbose=0)
print("optimizer:", type(model.optimizer).__name__)
# --8<-- [end:bf16]

# --8<-- [start:fp16]
# Recipe 2, fp16 (older GPUs): the mixed_float16 policy; compile() wraps the optimizer in a
# LossScaleOptimizer, which scales the loss, skips steps with inf/NaN gradients and adapts.
keras.mixed_precision.set_global_policy("mixed_float16")
model = build()
model.compile(optimizer=keras.optimizers.SGD(0.1), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
print("mixed_float16: compute", model.layers[0].compute_dtype, "| optimizer:", type(model.optimizer).__name__)
print("initial loss scale:", model.optimizer.initial_scale)

optimizer = model.optimizer  # the same mechanism, driven by hand: one clean step, one overflow
for factor in (1.0, 1e38):
    before = model.layers[0].kernel.numpy().copy()
    scale = float(optimizer.scale_loss(tf.constant(1.0)))  # the current loss scale
    grads = [tf.ones_like(v) * factor * scale for v in model.trainable_variables]
    optimizer.apply(grads, model.trainable_variables)  # expects scaled gradients, unscales them
    changed = not np.array_equal(before, model.layers[0].kernel.numpy())
    print(f"gradients x {factor:g}: step applied {changed}, scale now {float(optimizer.dynamic_scale):g}")
# --8<-- [end:fp16]

# --8<-- [start:inference]
# Recipe 3, inference: build the model in bfloat16 and copy the trained weights in.
keras.mixed_precision.set_global_policy("float32")
trained = build()
reference = trained(x)
keras.mixed_precision.set_global_policy("bfloat16")
half = build()
half.set_weights(trained.get_weights())
print(
    "bf16 inference: weights",
    half.layers[0].kernel.dtype,
    f"| max difference {np.abs(np.asarray(half(x), np.float32) - reference).max():.3f}",
)
print("predictions unchanged:", bool(np.all(np.argmax(half(x), 1) == np.argmax(reference, 1))))
# For int8 inference, see question 28 (model.quantize("int8") or the LiteRT converter).
# --8<-- [end:inference]
