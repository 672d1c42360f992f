"""Fine-tuning in Keras: pretrain on task A, then freeze, replace the head, train, unfreeze with a lower LR."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)

# --8<-- [start:data]
# Two related synthetic tasks share hidden features z = tanh(x @ W). Task A (16 classes) has plenty
# of data; task B, the one we care about, has 3 new classes and only 200 labelled examples.
W = rng.normal(size=(16, 8))
A_rule, B_rule = rng.normal(size=(8, 16)), rng.normal(size=(8, 3))


def make_task(rule, n, shift=0.0):
    x = (rng.normal(size=(n, 16)) + shift).astype("float32")
    return x, (np.tanh(x @ W) @ rule).argmax(axis=1)


xa, ya = make_task(A_rule, 4000)
xb, yb = make_task(B_rule, 200, shift=0.5)  # task B's inputs are also shifted (new domain)
xb_test, yb_test = make_task(B_rule, 2000, shift=0.5)
# --8<-- [end:data]


def block(units):
    return [keras.layers.Dense(units), keras.layers.BatchNormalization(), keras.layers.ReLU()]


def count(model):
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    return f"{trainable:,} of {model.count_params():,} weights train"


def compile_and_fit(model, x, y, learning_rate, epochs, batch_size=32):
    model.compile(keras.optimizers.Adam(learning_rate), keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    data = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x), seed=1).batch(batch_size)
    model.fit(data, epochs=epochs, verbose=0)


def moved(layer, action):
    """How far an action moves a BatchNormalization layer's moving mean."""
    before = layer.moving_mean.numpy()
    action()
    return f"{np.abs(layer.moving_mean.numpy() - before).max():.4f}"


def clone(model):
    copy = keras.models.clone_model(model)
    copy.set_weights(model.get_weights())
    return copy


def accuracy(model, x, y):
    return float(np.mean(np.argmax(model(x, training=False), axis=1) == y))


# --8<-- [start:pretrain]
backbone = keras.Sequential([keras.Input((16,)), *block(64), *block(64)], name="backbone")
pretrained = keras.Sequential([backbone, keras.layers.Dense(16)])
compile_and_fit(pretrained, xa, ya, learning_rate=1e-2, epochs=5, batch_size=64)
print(f"pretrained on task A: accuracy {accuracy(pretrained, xa, ya):.3f}")  # ±0.01 on other CPUs
# Real use starts from published weights instead (downloads, so not run here):
#   backbone = keras.applications.EfficientNetB0(weights="imagenet", include_top=False, pooling="avg")
# --8<-- [end:pretrain]

# --8<-- [start:finetune]
base = clone(backbone)  # the pretrained backbone ...
base.trainable = False  # stage 1: all of it frozen
inputs = keras.Input((16,))
model = keras.Model(inputs, keras.layers.Dense(3)(base(inputs, training=False)))  # ... and a new head
print(f"new head, before training: task B accuracy {accuracy(model, xb_test, yb_test):.3f}")  # ±0.01 on other CPUs
print("stage 1:", count(model))
compile_and_fit(model, xb, yb, learning_rate=1e-2, epochs=30)
print(f"stage 1, head only: task B accuracy {accuracy(model, xb_test, yb_test):.3f}")  # ±0.01 on other CPUs

# Stage 2: unfreeze the last Dense layer. Every BatchNormalization layer stays frozen explicitly:
# training=False above is not enough in Keras 3 (see the BatchNormalization trap below).
base.trainable = True
for layer in base.layers:
    layer.trainable = layer is base.layers[3]  # Dense, BN, ReLU, [Dense], BN, ReLU
print("stage 2:", count(model))
bn, before = base.layers[4], base.layers[4].moving_mean.numpy()
# Recompile after changing `trainable`; compile() takes one optimizer, so the head slows down too.
compile_and_fit(model, xb, yb, learning_rate=1e-4, epochs=30)
print(f"stage 2 fit, BatchNorm frozen: moving_mean moved by {np.abs(bn.moving_mean.numpy() - before).max():.4f}")
print(f"stage 2, last Dense layer too: task B accuracy {accuracy(model, xb_test, yb_test):.3f}")  # ±0.01 on other CPUs
# --8<-- [end:finetune]

# --8<-- [start:scratch]
scratch = keras.Sequential([keras.Input((16,)), *block(64), *block(64), keras.layers.Dense(3)])
compile_and_fit(scratch, xb, yb, learning_rate=1e-2, epochs=60)
print(f"same network from scratch on the 200 examples: task B accuracy {accuracy(scratch, xb_test, yb_test):.3f}")  # ±0.01 on other CPUs
# --8<-- [end:scratch]

# --8<-- [start:real]
# The same surgery on a real architecture (weights=None here; real use passes
# weights="imagenet", which downloads ImageNet weights).
net = keras.applications.EfficientNetB0(weights=None, include_top=False, pooling="avg", input_shape=(224, 224, 3))
net.trainable = False  # freeze the whole base ...
classifier = keras.Sequential([keras.Input((224, 224, 3)), net, keras.layers.Dense(10)])  # ... new head
print("EfficientNetB0 with a new 10-class head:", count(classifier))
batch_norms = [layer for layer in net.layers if isinstance(layer, keras.layers.BatchNormalization)]
print("BatchNormalization layers inside:", len(batch_norms))
# --8<-- [end:real]

# --8<-- [start:bn_trap]
frozen = clone(backbone)
bn = frozen.layers[1]
frozen.trainable = False  # in Keras this also switches BatchNormalization to inference mode
print("trainable=False, called with training=True: moving_mean moved by", moved(bn, lambda: frozen(xb, training=True)))

# The pattern many guides show: call the base with training=False, unfreeze it later.
inputs = keras.Input((16,))
probe = keras.Model(inputs, keras.layers.Dense(3)(frozen(inputs, training=False)))
frozen.trainable = True
before = bn.moving_mean.numpy()
compile_and_fit(probe, xb, yb, learning_rate=1e-4, epochs=1)
change = np.abs(bn.moving_mean.numpy() - before).max()
print(f"unfrozen, built with training=False, fit():   moving_mean moved by {change:.4f}")
# --8<-- [end:bn_trap]

# --8<-- [start:recompile]
# Changing `trainable` between two fit() calls has no effect until the next compile().
probe = keras.Sequential([keras.Input((16,)), keras.layers.Dense(8), keras.layers.Dense(3)])
probe.layers[0].trainable = False
compile_and_fit(probe, xb, yb, learning_rate=1e-2, epochs=1)
probe.layers[0].trainable = True  # unfreeze ...
kernel = probe.layers[0].kernel.numpy()
probe.fit(xb, yb, verbose=0)  # ... but fit() reuses the train step built at the last compile
print(f"unfrozen, no recompile: kernel moved by {np.abs(probe.layers[0].kernel.numpy() - kernel).max():.4f}")
kernel = probe.layers[0].kernel.numpy()
compile_and_fit(probe, xb, yb, learning_rate=1e-2, epochs=1)
print(f"unfrozen, recompiled:   kernel moved by {np.abs(probe.layers[0].kernel.numpy() - kernel).max():.4f}")
# --8<-- [end:recompile]
