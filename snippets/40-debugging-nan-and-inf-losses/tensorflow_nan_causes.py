"""Four usual causes of NaN/Inf losses, each reproduced on tiny data and caught, in TensorFlow/Keras."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x = rng.standard_normal((64, 4)).astype("float32")
y = x @ np.array([[1.0], [-2.0], [0.5], [3.0]], "float32") + 0.1 * rng.standard_normal((64, 1)).astype("float32")


# --8<-- [start:lr]
def make_model(lr):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=lr), loss="mse")
    return model


def train(lr, steps=40):
    """Linear regression with SGD; stop at the first step whose loss is not finite."""
    model = make_model(lr)
    losses = []
    for step in range(steps):
        with tf.GradientTape() as tape:
            loss = keras.losses.mean_squared_error(y[:, 0], model(x)[:, 0])
        losses.append(float(loss))
        if not tf.math.is_finite(loss):
            print(f"lr={lr}: loss is {float(loss)} at step {step}")
            break
        grads = tape.gradient(loss, model.trainable_variables)
        model.optimizer.apply(grads, model.trainable_variables)
    return losses


losses = train(lr=0.1)
print(f"lr=0.1: loss after {len(losses)} steps {losses[-1]:.3f}")  # ±0.002 on other CPUs
losses = train(lr=3.0)
print("lr=3.0: loss at steps 0, 5, 10, 15, 20:", [f"{v:.2g}" for v in losses[0:21:5]])  # ±2% on other CPUs

# With fit, the TerminateOnNaN callback stops at the first batch whose loss is NaN or Inf.
# (fit reports a running mean over the epoch: one non-finite batch makes it non-finite.)
xs, ys = np.tile(x, (40, 1)), np.tile(y, (40, 1))  # 40 full batches of the same 64 rows
make_model(3.0).fit(xs, ys, batch_size=64, epochs=1, shuffle=False, verbose=0, callbacks=[keras.callbacks.TerminateOnNaN()])
# --8<-- [end:lr]

# --8<-- [start:log0]
logits = tf.constant([[0.0, 200.0]])  # a confident, wrong prediction for class 0
target = tf.constant([0])
probs = tf.nn.softmax(logits)
print("softmax:", probs.numpy().tolist(), "<- exp(-200) underflows to 0 in float32")
print("-log(softmax)[0]:", -tf.math.log(probs)[0, 0].numpy())
print("-log_softmax[0]: ", -tf.nn.log_softmax(logits)[0, 0].numpy())
sparse_ce = keras.losses.SparseCategoricalCrossentropy()
with tf.GradientTape() as tape:
    tape.watch(logits)
    clipped = sparse_ce(target, tf.nn.softmax(logits))  # Keras clips probabilities to [1e-7, 1 - 1e-7]
print(f"Keras loss on probabilities: {clipped.numpy():.4g} (= -log(1e-7)), gradient {tape.gradient(clipped, logits).numpy().tolist()}")
with tf.GradientTape() as tape:
    tape.watch(logits)
    exact = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(target, logits)
print(f"Keras loss from_logits=True: {exact.numpy():.4g}, gradient {tape.gradient(exact, logits).numpy().tolist()}")
# Keras 3's own softmax remembers its logits, and its losses use them instead of the probabilities:
print(f"Keras loss on keras.activations.softmax output: {sparse_ce(target, keras.activations.softmax(logits)).numpy():.4g}")
# --8<-- [end:log0]

# --8<-- [start:fp16]
print("float16 max:", float(tf.float16.max), "| bfloat16 max:", f"{float(tf.bfloat16.max):.3g}")
print("70000 as float16:", tf.constant(70000.0, tf.float16).numpy())
a = tf.constant([300.0], tf.float16)
print("300 * 300 in float16:", (a * a).numpy()[0], "| in float32:", (tf.cast(a, tf.float32) ** 2).numpy()[0])
z = tf.constant([0.0, 12.0], tf.float16)
naive = tf.exp(z) / tf.reduce_sum(tf.exp(z))  # exp(12) = 162755 > 65504
print("naive softmax in float16:", naive.numpy().tolist())
print("tf.nn.softmax in float16:", [round(v, 4) for v in tf.nn.softmax(z).numpy().tolist()], "(subtracts the max first)")
# --8<-- [end:fp16]

# --8<-- [start:data]
bad_x = x.copy()
bad_x[13, 2] = np.nan  # one missing value in 64 rows
model = make_model(0.1)
print("loss with one NaN input:", model.evaluate(bad_x, y, batch_size=64, verbose=0))
model.fit(bad_x, y, batch_size=64, epochs=1, verbose=0)
print("NaN weights after one step:", int(np.isnan(model.layers[0].kernel.numpy()).sum()), "of", model.layers[0].kernel.numpy().size)

# Catch it before training: check every batch (or the whole dataset once).
try:
    tf.debugging.check_numerics(tf.constant(bad_x), message="input batch")
except tf.errors.InvalidArgumentError as err:
    print("InvalidArgumentError:", err.message.split("}} ")[-1].strip())
finite_rows = tf.reduce_all(tf.math.is_finite(bad_x), axis=1)
print("rows with non-finite values:", tf.where(~finite_rows)[:, 0].numpy().tolist())
print("rows kept after dropping them:", int(tf.reduce_sum(tf.cast(finite_rows, tf.int32))))
# --8<-- [end:data]
