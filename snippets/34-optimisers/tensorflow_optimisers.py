"""Optimisers in Keras: defaults, L2 versus decoupled weight decay, momentum, epsilon, per-layer rates."""

import warnings

import keras
import numpy as np

keras.utils.set_random_seed(0)


# --8<-- [start:defaults]
for name in ["SGD", "Adam", "AdamW", "RMSprop"]:
    c = getattr(keras.optimizers, name)().get_config()
    keys = ["learning_rate", "momentum", "epsilon", "weight_decay", "rho"]
    print(f"{name:8}", ", ".join(f"{k}={c[k]:.4g}" for k in keys if c.get(k) is not None))
# --8<-- [end:defaults]

# --8<-- [start:decay]
# One Dense layer, two weights, both start at 1.0. Feature 0 is large, so w0 gets large
# gradients; feature 1 is always 0, so the data gives w1 no gradient at all.
x = np.array([[10.0, 0.0], [-5.0, 0.0], [8.0, 0.0], [3.0, 0.0]], dtype="float32")
y = 2.0 * x[:, :1]  # the best w0 is 2; w1 does not matter to the data
lr, wd = 0.1, 0.1


def train(optimizer, regularizer=None, steps=5):
    layer = keras.layers.Dense(1, use_bias=False, kernel_initializer="ones", kernel_regularizer=regularizer)
    model = keras.Sequential([keras.Input((2,)), layer])
    model.compile(optimizer, "mse")  # fit adds the regularizer's penalty to the loss
    model.fit(x, y, batch_size=len(x), epochs=steps, shuffle=False, verbose=0)  # one step per epoch
    return layer.kernel.numpy().flatten().tolist()


runs = {
    "Adam, no decay": train(keras.optimizers.Adam(lr)),
    "Adam + L2 in the loss": train(keras.optimizers.Adam(lr), keras.regularizers.L2(wd / 2)),
    "Adam(weight_decay=0.1)": train(keras.optimizers.Adam(lr, weight_decay=wd)),
    "AdamW(weight_decay=0.1)": train(keras.optimizers.AdamW(lr, weight_decay=wd)),
}
for name, (w0, w1) in runs.items():
    print(f"{name:34} w0={w0:.4f}  w1={w1:.4f}")
print(f"AdamW's w1 by hand, (1 - lr * wd) ** 5: {(1 - lr * wd) ** 5:.4f}")
# --8<-- [end:decay]

# --8<-- [start:momentum]
# SGD with momentum, loss = w (gradient 1 at every step). Three steps at lr 0.1, then one at 0.01.
w = keras.Variable([1.0])
sgd = keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)
for step in range(4):
    if step == 3:
        sgd.learning_rate = 0.01
    sgd.apply([keras.ops.ones_like(w)], [w])
    print(f"SGD momentum, step {step + 1} (lr {float(sgd.learning_rate):.2g}): w={float(w[0]):.4f}")
# --8<-- [end:momentum]

# --8<-- [start:epsilon]
# Adam's first step: Keras adds epsilon before the bias correction ("epsilon hat"), so
# with a gradient near epsilon the step is much smaller than PyTorch's.
for grad, eps in [(1e3, 1e-7), (1.0, 1e-7), (1e-7, 1e-7), (1e-7, 1e-8)]:
    w = keras.Variable([0.0])
    adam = keras.optimizers.Adam(learning_rate=1.0, epsilon=eps)
    adam.apply([keras.ops.full((1,), grad)], [w])
    print(f"Adam epsilon={eps:g}, gradient {grad:g}: first step {-float(w[0]):.3f} x lr")
# --8<-- [end:epsilon]

# --8<-- [start:groups]
inputs = keras.Input((4,))
hidden = keras.layers.Dense(8, activation="relu", name="body")(inputs)
model = keras.Model(inputs, keras.layers.Dense(2, name="head")(hidden))
slow = keras.optimizers.AdamW(1e-4, weight_decay=0.05, name="slow")
fast = keras.optimizers.AdamW(1e-2, weight_decay=0.05, name="fast")
for opt in (slow, fast):
    opt.exclude_from_weight_decay(var_names=["bias"])  # no decay on biases
# Keys are regular expressions matched against each variable's path ("head/kernel").
optimizer_map = keras.optimizers.OptimizerMap(slow, {"head/.*": fast})
model.compile(keras.optimizers.MultiOptimizer(optimizer_map), "mse")
for v in model.trainable_variables:
    opt = optimizer_map[v.path]
    print(f"{v.path:12} -> {opt.name}, lr={float(opt.learning_rate):.0e}")

before = [w.numpy() for w in (model.get_layer("body").kernel, model.get_layer("head").kernel)]
rng = np.random.default_rng(0)
xb, yb = rng.normal(size=(32, 4)).astype("float32"), rng.normal(size=(32, 2)).astype("float32")
model.fit(xb, yb, batch_size=32, epochs=10, verbose=0)
after = [w.numpy() for w in (model.get_layer("body").kernel, model.get_layer("head").kernel)]
moved = [np.abs(a - b).max() for a, b in zip(after, before)]
print(f"after 10 steps, largest change: body {moved[0]:.1e}, head {moved[1]:.1e}")  # ±5% on other CPUs
# --8<-- [end:groups]

# --8<-- [start:changed]
# Keras 2 code often wrote lr= and decay=. Keras 3 refuses the first and ignores the second.
try:
    keras.optimizers.Adam(lr=0.01)
except ValueError as error:
    print("Adam(lr=0.01) ->", type(error).__name__ + ":", error)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    keras.optimizers.Adam(learning_rate=0.01, decay=1e-4)
print("Adam(decay=1e-4) ->", caught[0].category.__name__ + ":", caught[0].message)
try:
    keras.optimizers.legacy.Adam()
except ImportError as error:
    print("keras.optimizers.legacy.Adam() ->", type(error).__name__ + ":", str(error).split(". ")[0])
# --8<-- [end:changed]
