"""Keras callbacks: EarlyStopping(restore_best_weights=True), ModelCheckpoint, ReduceLROnPlateau."""

import pathlib
import tempfile

import keras
import numpy as np

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)


# --8<-- [start:data]
# 32 noisy training examples and a 2 x 128 MLP: it memorises them, so the validation loss falls
# for a few epochs and then climbs. Full-batch training keeps the curve the same on every run.
def make_data(n):
    x = rng.normal(size=(n, 8)).astype("float32")
    y = np.sin(2 * x[:, :1]) + 0.5 * x[:, 1:2] + rng.normal(scale=0.5, size=(n, 1))
    return x, y.astype("float32")


x_train, y_train = make_data(32)
x_val, y_val = make_data(256)


def make_model():
    keras.utils.set_random_seed(0)  # every run starts from the same initial weights
    model = keras.Sequential(
        [
            keras.Input((8,)),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(1),
        ]
    )
    model.compile(keras.optimizers.Adam(learning_rate=3e-3), loss="mse")
    return model
# --8<-- [end:data]


# --8<-- [start:callbacks]
model = make_model()
with tempfile.TemporaryDirectory() as tmp:
    best_path = pathlib.Path(tmp) / "best.keras"
    early_stopping = keras.callbacks.EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True)
    callbacks = [
        early_stopping,
        keras.callbacks.ModelCheckpoint(best_path, monitor="val_loss", save_best_only=True),
        keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=2),
    ]
    history = model.fit(
        x_train, y_train, validation_data=(x_val, y_val), epochs=100, batch_size=32, shuffle=False,
        callbacks=callbacks, verbose=0,
    )
    val_losses = history.history["val_loss"]
    print("val_loss by epoch:", [round(v, 3) for v in val_losses])  # ±0.005 on other CPUs
    print("learning_rate by epoch:", [round(lr, 5) for lr in history.history["learning_rate"]])
    print(f"epochs run: {len(val_losses)}, early stopping at epoch {early_stopping.stopped_epoch + 1}")
    print(f"best epoch (1-based): {early_stopping.best_epoch + 1}")

    # restore_best_weights=True: the model in memory now holds the best epoch's weights, not the last.
    print(f"val_loss of the model after fit:  {model.evaluate(x_val, y_val, verbose=0):.4f}")  # ±0.001 on other CPUs
    print(f"best val_loss seen during fit:    {min(val_losses):.4f}")  # ±0.001 on other CPUs
    print(f"val_loss of the last epoch:       {val_losses[-1]:.4f}")  # ±0.001 on other CPUs
    # ModelCheckpoint(save_best_only=True) wrote the same best model to disk (with its optimizer state).
    reloaded = keras.models.load_model(best_path)
    print(f"val_loss of best.keras from disk: {reloaded.evaluate(x_val, y_val, verbose=0):.4f}")  # ±0.001 on other CPUs
# --8<-- [end:callbacks]

# --8<-- [start:no_stop]
# Keras 3 restores the best weights at the end of fit() even when patience never ran out.
model = make_model()
early_stopping = keras.callbacks.EarlyStopping(patience=50, restore_best_weights=True)
history = model.fit(
    x_train, y_train, validation_data=(x_val, y_val), epochs=10, batch_size=32, shuffle=False,
    callbacks=[early_stopping], verbose=0,
)
print(f"epochs=10, patience=50: stopped early: {early_stopping.stopped_epoch > 0},"
      f" weights restored from epoch {early_stopping.best_epoch + 1}")
print(f"val_loss after fit {model.evaluate(x_val, y_val, verbose=0):.4f},"
      f" last epoch {history.history['val_loss'][-1]:.4f}")  # ±0.001 on other CPUs
# --8<-- [end:no_stop]

# --8<-- [start:paths]
# Keras 3 checks the file name: a whole model goes to .keras, weights alone to .weights.h5.
for kwargs in [{"filepath": "checkpoints/model_{epoch:02d}"},
               {"filepath": "checkpoints/model_{epoch:02d}.h5", "save_weights_only": True}]:
    try:
        keras.callbacks.ModelCheckpoint(**kwargs)
    except ValueError as err:
        print(f"ModelCheckpoint({kwargs}) -> ValueError: {err}")
# --8<-- [end:paths]

# --8<-- [start:patience]
# The two ReduceLROnPlateau classes count patience differently on a loss that never improves.
model = make_model()
model.optimizer.learning_rate = 1.0
reduce_lr = keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=2)
reduce_lr.set_model(model)
reduce_lr.on_train_begin()
rates = []
for epoch in range(7):
    reduce_lr.on_epoch_end(epoch, logs={"val_loss": 1.0})
    rates.append(float(model.optimizer.learning_rate))
print("patience=2, flat loss, lr after each epoch:", rates)
print("defaults: min_delta", abs(reduce_lr.min_delta), "(absolute) | cooldown", reduce_lr.cooldown)
# --8<-- [end:patience]

# --8<-- [start:copy]
# get_weights() returns NumPy copies: a snapshot taken now does not follow later training.
model = make_model()
snapshot = model.get_weights()
model.fit(x_train, y_train, epochs=1, batch_size=32, verbose=0)
print("get_weights() returns:", type(snapshot[0]).__name__)
print("snapshot still equals the trained kernel:", np.array_equal(snapshot[0], model.layers[0].kernel.numpy()))
# --8<-- [end:copy]
