"""Keras losses expect probabilities unless from_logits=True: sparse vs one-hot, label smoothing, reduction, the silent bug."""

import warnings

import keras
import numpy as np

keras.utils.set_random_seed(0)
logits = np.array([[2.0, -1.0, 0.5], [0.1, 0.2, -3.0], [-0.5, 1.5, 0.3]], "float32")  # 3 samples, 3 classes
labels = np.array([0, 2, 1])  # class indices

# --8<-- [start:api]
sparse = keras.losses.SparseCategoricalCrossentropy(from_logits=True)  # integer labels
print(f"SparseCategoricalCrossentropy(from_logits=True): {sparse(labels, logits):.4f}")
one_hot = keras.ops.one_hot(labels, 3)
categorical = keras.losses.CategoricalCrossentropy(from_logits=True)  # one-hot (or soft) labels
print(f"CategoricalCrossentropy(from_logits=True):       {categorical(one_hot, logits):.4f}")
print(f"SparseCategoricalCrossentropy() on the logits:   {keras.losses.SparseCategoricalCrossentropy()(labels, logits):.4f}"
      "  (default from_logits=False: logits read as probabilities)")
probs = keras.ops.softmax(logits).numpy()
print(f"SparseCategoricalCrossentropy() on softmax:      {keras.losses.SparseCategoricalCrossentropy()(labels, probs):.4f}")

smooth = keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1)
print(f"CategoricalCrossentropy(label_smoothing=0.1):    {smooth(one_hot, logits):.4f}")
try:
    keras.losses.SparseCategoricalCrossentropy(from_logits=True, label_smoothing=0.1)
except TypeError as err:
    print("SparseCategoricalCrossentropy(label_smoothing=0.1) ->", type(err).__name__ + ":", err)

print("default reduction:", sparse.reduction)
per_sample = keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction=None)(labels, logits)
print("reduction=None:", [round(v, 4) for v in per_sample.numpy().tolist()])
class_weight = np.array([1.0, 1.0, 4.0], "float32")
weighted = sparse(labels, logits, sample_weight=class_weight[labels])
for loss, target in [(categorical, labels), (sparse, one_hot)]:  # labels of the wrong kind
    try:
        loss(target, logits)
    except ValueError as err:
        print(f"{type(loss).__name__} with {'integer' if target is labels else 'one-hot'} labels -> ValueError:", str(err).split(". ")[0])
print(f"sample_weight = class weight [1, 1, 4], 'sum_over_batch_size' = sum(w*loss)/N: {weighted:.4f}")
# --8<-- [end:api]

# --8<-- [start:binary]
binary_logits = np.array([[3.0], [-2.0], [0.5]], "float32")
targets = np.array([[1.0], [0.0], [0.0]], "float32")
print(f"BinaryCrossentropy(from_logits=True):  {keras.losses.BinaryCrossentropy(from_logits=True)(targets, binary_logits):.4f}")
print(f"BinaryCrossentropy() on sigmoid:       {keras.losses.BinaryCrossentropy()(targets, keras.ops.sigmoid(binary_logits).numpy()):.4f}")
print(f"BinaryCrossentropy() on the logits:    {keras.losses.BinaryCrossentropy()(targets, binary_logits):.4f}"
      "  (clipped to [1e-7, 1 - 1e-7]: silently wrong)")
# --8<-- [end:binary]

# --8<-- [start:guard]
# On the TensorFlow backend a softmax output remembers its logits, and the loss uses them.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    softmax_output = keras.layers.Softmax()(logits)
    print(f"from_logits=True on a Softmax layer's output: {sparse(labels, softmax_output):.4f}")
print("  warning:", caught[0].message)
# A plain array of probabilities carries nothing: softmax is applied a second time, silently.
print(f"from_logits=True on probabilities as an array: {sparse(labels, probs):.4f}")
# --8<-- [end:guard]

# --8<-- [start:bug]
# Five overlapping Gaussian blobs in 8 dimensions, 800 samples (the PyTorch program makes the same).
rng = np.random.default_rng(0)
classes = 5
centers = rng.normal(size=(classes, 8))
y = rng.integers(0, classes, 800)
x = (centers[y] + rng.normal(size=(800, 8))).astype("float32")


def train(activation, from_logits, epochs=5):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(classes, activation=activation),
    ])
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits)
    model.compile(keras.optimizers.SGD(0.1), loss_fn, metrics=["accuracy"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the softmax + from_logits=True runs warn (see above)
        model.fit(x, y, epochs=epochs, batch_size=32, verbose=0)
        reported = model.evaluate(x, y, verbose=0, return_dict=True)  # what fit() and evaluate() report
    out = model.predict(x, verbose=0)
    probs = out if activation == "softmax" else keras.ops.softmax(out).numpy()
    true_ce = float(keras.losses.SparseCategoricalCrossentropy()(y, probs))  # the real cross-entropy
    return reported["loss"], true_ce, reported["accuracy"]


runs = [("logits,  from_logits=True ", None, True), ("softmax, from_logits=False", "softmax", False),
        ("logits,  from_logits=False", None, False), ("softmax, from_logits=True ", "softmax", True)]
for name, activation, from_logits in runs:
    reported, true_ce, accuracy = train(activation, from_logits)
    print(f"{name}: reported loss {reported:.2f}, true cross-entropy {true_ce:.2f}, accuracy {accuracy:.2f}")  # ±0.02 on other CPUs
# --8<-- [end:bug]
