"""tf.keras in TensorFlow 2.21: Keras 3, three ways to build a model, compile/fit/evaluate, callbacks."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)  # seeds Python, NumPy and TensorFlow in one call

# --8<-- [start:which]
print("tensorflow", tf.__version__, "| keras", keras.__version__, "| tf.keras", tf.keras.__version__)
print("backend:", keras.backend.backend())
print("tf.keras is keras:", tf.keras is keras)  # a lazy-loading alias module, not the same object...
print("tf.keras.layers.Dense is keras.layers.Dense:", tf.keras.layers.Dense is keras.layers.Dense)  # ...same classes
# --8<-- [end:which]

# Tiny data made in code: three Gaussian blobs in 2-D, shuffled, split 180 / 60.
rng = np.random.default_rng(0)
centers = np.array([[0.0, 0.0], [2.0, 2.0], [0.0, 2.5]])
labels = np.repeat(np.arange(3), 80)
points = (centers[labels] + rng.normal(scale=0.8, size=(240, 2))).astype("float32")
order = rng.permutation(240)
x_train, y_train = points[order[:180]], labels[order[:180]]
x_val, y_val = points[order[180:]], labels[order[180:]]


# --8<-- [start:build]
# 1. Sequential: a plain stack of layers.
sequential = keras.Sequential(
    [keras.Input(shape=(2,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(3)],
    name="sequential",
)

# 2. Functional: call layers on symbolic tensors; allows branches, shared layers, many inputs.
inputs = keras.Input(shape=(2,))
hidden = keras.layers.Dense(16, activation="relu")(inputs)
functional = keras.Model(inputs, keras.layers.Dense(3)(hidden), name="functional")


# 3. Subclassed: layers in __init__, the forward pass in call(); most flexible, least introspectable.
class Classifier(keras.Model):
    def __init__(self):
        super().__init__(name="subclassed")
        self.hidden = keras.layers.Dense(16, activation="relu")
        self.out = keras.layers.Dense(3)

    def call(self, x):
        return self.out(self.hidden(x))


subclassed = Classifier()
subclassed(np.zeros((1, 2), "float32"))  # the first call creates the weights

for model in (sequential, functional, subclassed):
    print(f"{model.name:11} params: {model.count_params()}")

# Same architecture: copy one model's weights into the others and the outputs agree.
functional.set_weights(sequential.get_weights())
subclassed.set_weights(sequential.get_weights())
probe = x_val[:5]
same = all(np.allclose(sequential(probe), m(probe)) for m in (functional, subclassed))
print("identical outputs with identical weights:", same)

# Pitfall: a subclassed model has no weights until its first call.
fresh = Classifier()
try:
    fresh.count_params()
except ValueError as err:
    print("count_params() before the first call ->", type(err).__name__ + ":", str(err).split(", but")[0])
fresh.build((None, 2))  # Classifier has no build() method: marked built, but no weights created
print("after fresh.build((None, 2)):", fresh.count_params(), "params")
# --8<-- [end:build]


# --8<-- [start:train]
class EveryFiveEpochs(keras.callbacks.Callback):
    """A custom callback: Keras calls these hooks during fit()."""

    def on_epoch_end(self, epoch, logs=None):
        if epoch % 5 == 0:
            print(f"  epoch {epoch:3d}  loss {logs['loss']:.3f}  val_loss {logs['val_loss']:.3f}")


model = functional
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.03),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
early_stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=5, restore_best_weights=True)
history = model.fit(
    x_train,
    y_train,
    validation_data=(x_val, y_val),
    epochs=200,
    batch_size=32,
    callbacks=[early_stop, EveryFiveEpochs()],
    verbose=0,  # no progress bars: the callback prints instead
)
print("epochs run:", len(history.history["loss"]), "| best epoch:", early_stop.best_epoch)
val_loss, val_acc = model.evaluate(x_val, y_val, verbose=0)
print(f"evaluate -> val_loss {val_loss:.3f}  val_accuracy {val_acc:.3f}")
print("predict  ->", model.predict(x_val[:4], verbose=0).argmax(axis=1).tolist(), "true", y_val[:4].tolist())
# --8<-- [end:train]
