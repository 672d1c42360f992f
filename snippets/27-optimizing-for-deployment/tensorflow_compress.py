"""Quantization, pruning and distillation applied to one small Keras model, measured with LiteRT."""

import tempfile
import time
import zlib

import keras
import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter

keras.utils.set_random_seed(0)

# The same synthetic task in both tabs: 20 features, a non-linear rule decides the class.
rng = np.random.default_rng(0)
X = rng.standard_normal((6000, 20)).astype(np.float32)
y = (X[:, 0] * X[:, 1] + np.sin(2 * X[:, 2]) + X[:, 3] ** 2 - 1 + 0.5 * X[:, 4] > 0).astype(np.int64)
x_train, y_train, x_test, y_test = X[:5000], y[:5000], X[5000:], y[5000:]


def mlp(width):
    return keras.Sequential(
        [
            keras.Input((20,)),
            keras.layers.Dense(width, activation="relu"),
            keras.layers.Dense(width, activation="relu"),
            keras.layers.Dense(2),
        ]
    )


def fit(model, epochs, lr, loss=None, targets=y_train, callbacks=()):
    loss = loss or keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    model.compile(optimizer=keras.optimizers.Adam(lr), loss=loss)
    model.fit(x_train, targets, batch_size=256, epochs=epochs, verbose=0, callbacks=list(callbacks))
    return model


def to_tflite(model, **options):
    with tempfile.TemporaryDirectory() as saved_model:
        model.export(saved_model, verbose=False)  # SavedModel; from_keras_model does this too, noisily
        converter = tf.lite.TFLiteConverter.from_saved_model(saved_model)
        for key, value in options.items():
            setattr(converter, key, value)
        return converter.convert()


def run(flatbuffer, x=x_test):
    interpreter = Interpreter(model_content=flatbuffer, num_threads=1)
    inp = interpreter.get_input_details()[0]["index"]
    interpreter.resize_tensor_input(inp, x.shape)
    interpreter.allocate_tensors()
    interpreter.set_tensor(inp, x)
    interpreter.invoke()
    return interpreter, interpreter.get_tensor(interpreter.get_output_details()[0]["index"])


def latency_ms(flatbuffer, repeats=30):
    interpreter, _ = run(flatbuffer)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        interpreter.invoke()
        times.append(time.perf_counter() - start)
    return 1e3 * min(times)  # the least-disturbed run


teacher = fit(mlp(256), epochs=30, lr=3e-3)
variants = {"float32 (baseline)": to_tflite(teacher)}

# --8<-- [start:quantize]
# Quantization with the TFLite / LiteRT converter (post-training, no retraining).
default = [tf.lite.Optimize.DEFAULT]
variants["float16 weights"] = to_tflite(teacher, optimizations=default, target_spec=tf.lite.TargetSpec(supported_types=[tf.float16]))
variants["int8 dynamic range"] = to_tflite(teacher, optimizations=default)  # int8 weights


def representative_data():  # ~100 typical inputs to calibrate activation ranges
    for row in x_train[:100]:
        yield [row[None]]


variants["int8 full integer"] = to_tflite(teacher, optimizations=default, representative_dataset=representative_data)
# --8<-- [end:quantize]

# --8<-- [start:prune]
# Pruning by hand (tensorflow-model-optimization does not support Keras 3): zero the 80%
# smallest-magnitude weights of each kernel, fine-tune while re-applying the mask.
pruned = keras.models.clone_model(teacher)
pruned.set_weights(teacher.get_weights())
kernels = [layer.kernel for layer in pruned.layers]
masks = [tf.cast(tf.abs(k) > np.quantile(np.abs(k.numpy()), 0.8), tf.float32) for k in kernels]


def apply_masks(*_, **__):
    for kernel, mask in zip(kernels, masks):
        kernel.assign(kernel * mask)


apply_masks()
fit(pruned, epochs=10, lr=1e-3, callbacks=[keras.callbacks.LambdaCallback(on_train_batch_end=apply_masks)])
zeros = sum(int(tf.reduce_sum(tf.cast(k == 0, tf.int32))) for k in kernels)
print(f"pruned: {zeros / sum(int(tf.size(k)) for k in kernels):.0%} of weights are zero")
variants["pruned 80%"] = to_tflite(pruned)
# --8<-- [end:prune]


# --8<-- [start:distill]
# Distillation: a 16-unit student learns from the teacher's softened outputs and the labels.
# Keras losses get (y_true, y_pred), so the labels and teacher logits travel together in y_true.
def distillation_loss(packed, student_logits, temperature=4.0, alpha=0.5):
    labels, teacher_logits = tf.cast(packed[:, 0], tf.int32), packed[:, 1:]
    soft = keras.losses.kl_divergence(tf.nn.softmax(teacher_logits / temperature), tf.nn.softmax(student_logits / temperature))
    hard = keras.losses.sparse_categorical_crossentropy(labels, student_logits, from_logits=True)
    return alpha * temperature**2 * soft + (1 - alpha) * hard


packed = np.concatenate([y_train[:, None].astype(np.float32), teacher.predict(x_train, verbose=0)], axis=1)
keras.utils.set_random_seed(1)
student = fit(mlp(16), epochs=40, lr=1e-2, loss=distillation_loss, targets=packed)
variants["distilled student"] = to_tflite(student)
keras.utils.set_random_seed(1)
labels_only = fit(mlp(16), epochs=40, lr=1e-2)
print(f"same student trained on labels only: accuracy {np.mean(labels_only.predict(x_test, verbose=0).argmax(1) == y_test):.3f}")  # ±0.01 on other CPUs
# --8<-- [end:distill]

# --8<-- [start:table]
base_bytes = len(variants["float32 (baseline)"])
base_pred = run(variants["float32 (baseline)"])[1].argmax(1)
print(f"{'variant':<20}{'bytes':>9}{'zlib':>9}{'smaller':>9}{'accuracy':>10}{'agrees':>8}")
for name, flatbuffer in variants.items():
    pred = run(flatbuffer)[1].argmax(1)
    raw, packed_size = len(flatbuffer), len(zlib.compress(flatbuffer, 9))
    print(f"{name:<20}{raw:>9}{packed_size:>9}{base_bytes / raw:>8.1f}x{np.mean(pred == y_test):>10.3f}{np.mean(pred == base_pred):>8.1%}")  # ±1.5% on other CPUs
print("latency for 1000 rows, LiteRT, 1 CPU thread, best of 30:")
for name, flatbuffer in variants.items():
    print(f"  {name:<20}{latency_ms(flatbuffer):.2f} ms  [sample]")
# --8<-- [end:table]
