"""Data augmentation with Keras preprocessing layers on a tiny made-up image."""

import keras
import numpy as np

keras.utils.set_random_seed(0)

# An 8x8 one-channel image of an arrow pointing right (channels last, as Keras expects).
ARROW = ["........", "....#...", "....##..", "#######.", "########", "#######.", "....##..", "....#..."]
image = np.array([[[1.0] if c == "#" else [0.0] for c in row] for row in ARROW], dtype="float32")


def show(images, titles):
    print("   ".join(f"{t:<8}" for t in titles))
    for r in range(8):
        print("   ".join("".join("#" if v > 0.5 else "." for v in img[r, :, 0]) for img in images))


# --8<-- [start:augment]
augment = keras.Sequential(
    [
        keras.layers.RandomFlip("horizontal", seed=1),
        keras.layers.RandomTranslation(0.25, 0.25, fill_mode="constant", interpolation="nearest", seed=2),
    ]
)
batch = np.stack([image] * 4)  # four copies of the same picture
augmented = np.asarray(augment(batch, training=True))  # each image gets its own random draw
show([image, *augmented], ["original", "aug 1", "aug 2", "aug 3", "aug 4"])
unchanged = np.asarray(augment(batch, training=False))  # at inference the layers pass through
print("training=False leaves the images unchanged:", bool(np.array_equal(unchanged, batch)))
# In a pipeline: dataset.map(lambda x, y: (augment(x, training=True), y)), or put the layers
# at the start of the model so they run on the accelerator and switch off in predict().
# --8<-- [end:augment]
