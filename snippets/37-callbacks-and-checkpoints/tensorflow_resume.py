"""Keras: resume training from a .keras checkpoint, and from BackupAndRestore after a crash."""

import pathlib
import tempfile

import keras
import numpy as np

rng = np.random.default_rng(0)
x_train = rng.normal(size=(32, 8)).astype("float32")
y_train = (np.sin(2 * x_train[:, :1]) + rng.normal(scale=0.5, size=(32, 1))).astype("float32")


def make_model():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(learning_rate=1e-2), loss="mse")
    return model


def fit(model, **kwargs):
    # shuffle=False: the batch order is the same whether or not training was interrupted
    return model.fit(x_train, y_train, batch_size=8, shuffle=False, verbose=0, **kwargs)


def max_difference(a, b):
    return max(float(np.abs(u - v).max()) for u, v in zip(a.get_weights(), b.get_weights()))


reference = make_model()
fit(reference, epochs=6)  # six epochs without interruption

# --8<-- [start:save_load]
with tempfile.TemporaryDirectory() as tmp:
    path = pathlib.Path(tmp) / "checkpoint.keras"
    model = make_model()
    fit(model, epochs=3)
    model.save(path)  # architecture + weights + compile() config + optimizer state

    resumed = keras.models.load_model(path)  # a new process would start here
    print("optimizer steps restored:", int(resumed.optimizer.iterations))
    history = fit(resumed, epochs=6, initial_epoch=3)  # epochs counts the total, not the extra ones
    print("epochs run after resuming:", len(history.history["loss"]))
    print("max |resumed - uninterrupted| weight difference:", max_difference(resumed, reference))

    # Restoring only the weights (a fresh optimizer, Adam's moments back at zero) is not a resume.
    weights_only = make_model()
    weights_only.set_weights(keras.models.load_model(path).get_weights())
    fit(weights_only, epochs=6, initial_epoch=3)
    print(f"weights only, fresh optimizer: max difference {max_difference(weights_only, reference):.3f}")  # ±0.005 on other CPUs
# --8<-- [end:save_load]


# --8<-- [start:backup]
class Crash(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        if epoch == 3:
            raise RuntimeError("simulated crash at the start of epoch 4")


with tempfile.TemporaryDirectory() as tmp:
    backup = keras.callbacks.BackupAndRestore(backup_dir=pathlib.Path(tmp) / "backup")
    try:
        fit(make_model(), epochs=6, callbacks=[backup, Crash()])
    except RuntimeError as err:
        print("first run:", err)
    print("backup files:", sorted(p.name for p in (pathlib.Path(tmp) / "backup").iterdir()))

    restarted = make_model()  # the restarted job builds the same model and calls the same fit()
    history = fit(restarted, epochs=6, callbacks=[backup])
    print("second run: epochs run", len(history.history["loss"]), "(it resumed at epoch 4)")
    print("optimizer steps at the end:", int(restarted.optimizer.iterations), "(12 restored + 12 new)")
    print("max |restored - uninterrupted| weight difference:", max_difference(restarted, reference))
    print("backup directory deleted after a finished fit():", not (pathlib.Path(tmp) / "backup").exists())
# --8<-- [end:backup]
