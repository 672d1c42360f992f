"""TensorFlow's counterparts of torchvision: tf.image, Keras preprocessing layers, keras.applications."""

import os

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)

# --8<-- [start:transforms]
image = np.random.default_rng(0).integers(0, 256, (64, 96, 3)).astype("uint8")  # H, W, C (channels last)

# tf.image: plain functions on image tensors; boxes are yours to transform.
flipped = tf.image.flip_left_right(image)
resized = tf.image.resize(flipped, (32, 48))  # float32, but still in [0, 255]
scaled = tf.image.convert_image_dtype(image, tf.float32)  # uint8 -> [0, 1]; a float input is left alone
print("tf.image:", image.shape, image.dtype, "->", tuple(resized.shape), resized.dtype.name)
print(f"max after resize: {float(tf.reduce_max(resized)):.1f}", end=" | ")
print(f"after convert_image_dtype: {float(tf.reduce_max(scaled)):.3f}")

# Keras preprocessing layers transform the boxes with the image when told their format.
sample = {
    "images": image,
    "bounding_boxes": {"boxes": np.array([[10.0, 20.0, 40.0, 50.0]], "float32"), "labels": np.array([1])},
}
augment = keras.layers.Pipeline(
    [
        keras.layers.RandomFlip("horizontal", bounding_box_format="xyxy", seed=3),
        keras.layers.Resizing(32, 48, bounding_box_format="xyxy"),
    ]
)
for call in range(3):  # random: each call flips or not
    out = augment(sample, training=True)
    print(f"call {call}: box -> {np.round(out['bounding_boxes']['boxes'].numpy(), 2).tolist()}")
normalize = keras.layers.Normalization(mean=[127.5] * 3, variance=[127.5**2] * 3)  # images only
normalized = normalize(out["images"])
low, high = float(tf.reduce_min(normalized)), float(tf.reduce_max(normalized))
print("normalized:", tuple(normalized.shape), f"min {low:.2f}, max {high:.2f}")
# --8<-- [end:transforms]

# --8<-- [start:models]
model = keras.applications.ResNet50(weights=None, classes=10, input_shape=(64, 64, 3))  # no download
print("ResNet50(weights=None, classes=10):", f"{model.count_params():,} parameters")
print("output:", tuple(model(np.zeros((2, 64, 64, 3), "float32")).shape))

# Real use downloads ImageNet weights (not run here: the snippets are offline):
#   base = keras.applications.ResNet50(weights="imagenet", include_top=False, input_shape=(224, 224, 3))
# Each architecture has its own preprocessing; ResNet50's is Caffe-style: RGB -> BGR, minus the mean.
pixel = np.array([[[[255.0, 0.0, 0.0]]]])
print("resnet50.preprocess_input(red pixel):", keras.applications.resnet50.preprocess_input(pixel).round(2).tolist())
try:
    keras.applications.ResNet50(weights="imagenet", classes=10)  # checked before any download
except ValueError as err:
    print("weights='imagenet' + classes=10 ->", type(err).__name__ + ":", str(err).split(" Received")[0].strip())
# --8<-- [end:models]

# --8<-- [start:data]
# No FakeData in Keras: write eight small PNGs in two class folders, then load them like ImageFolder.
rng = np.random.default_rng(1)
for i in range(8):
    folder = os.path.join("images", ("cat", "dog")[i % 2])
    os.makedirs(folder, exist_ok=True)
    tf.io.write_file(f"{folder}/{i}.png", tf.io.encode_png(rng.integers(0, 256, (40, 40, 3), dtype=np.uint8)))

data = keras.utils.image_dataset_from_directory("images", image_size=(32, 32), batch_size=4, shuffle=False)
print("class names:", data.class_names)
for images, labels in data:
    print("batch:", tuple(images.shape), images.dtype.name, "labels", labels.numpy().tolist())
# --8<-- [end:data]
