"""Keras introspection: sub-models for feature extraction, count_params, summary's totals."""

import warnings

import keras
import numpy as np

keras.utils.set_random_seed(0)

# --8<-- [start:features]
# A small functional CNN with named stages, standing in for a backbone. The real thing:
# keras.applications.ResNet50(weights="imagenet") (weights=None builds it untrained, offline).
inputs = keras.Input((64, 64, 3))
h = inputs
for stage, filters in enumerate([16, 32, 64], start=1):
    h = keras.layers.Conv2D(filters, 3, strides=2, padding="same", name=f"stage{stage}_conv")(h)
    h = keras.layers.BatchNormalization(name=f"stage{stage}_bn")(h)
    h = keras.layers.ReLU(name=f"stage{stage}")(h)
pooled = keras.layers.GlobalAveragePooling2D(name="pooled")(h)
backbone = keras.Model(inputs, keras.layers.Dense(10, name="fc")(pooled))

# Feature extraction = a new Model from the same input to inner layers' outputs.
names = ["stage1", "stage2", "stage3", "pooled"]
extractor = keras.Model(backbone.input, {name: backbone.get_layer(name).output for name in names})
features = extractor(np.random.default_rng(0).normal(size=(2, 64, 64, 3)).astype("float32"))
for name, value in features.items():
    print(f"  {name}: {tuple(value.shape)}")
print("layers in the backbone:", len(backbone.layers), "| in the extractor:", len(extractor.layers))
# --8<-- [end:features]

# --8<-- [start:count]
mlp = keras.Sequential(
    [keras.Input((8,)), keras.layers.Dense(16), keras.layers.BatchNormalization(), keras.layers.ReLU(), keras.layers.Dense(3)]
)
trainable = sum(int(np.prod(w.shape)) for w in mlp.trainable_weights)
non_trainable = sum(int(np.prod(w.shape)) for w in mlp.non_trainable_weights)
print("count_params():", mlp.count_params(), "| trainable:", trainable, "| non-trainable:", non_trainable)

lines = []
mlp.summary(print_fn=lambda text, **kwargs: lines.extend(text.splitlines()))
print("\n".join(line.strip() for line in lines if "params:" in line))  # the totals, not the table
# --8<-- [end:count]

# --8<-- [start:changed]
# Keras 3: a Sequential model has .inputs (a list) but no .input; layers without keras.Input
# have no symbolic output at all, so no sub-model can be cut from them.
try:
    mlp.input
except AttributeError as err:
    print("mlp.input ->", type(err).__name__ + ":", err)
print("mlp.inputs ->", [tuple(t.shape) for t in mlp.inputs])
# What works on a Sequential model: start from its first layer's input.
first_two = keras.Model(mlp.layers[0].input, mlp.layers[1].output)
print("sub-model from mlp.layers[0].input:", tuple(first_two(np.zeros((4, 8), "float32")).shape))

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    old_style = keras.Sequential([keras.layers.Dense(16, input_shape=(8,)), keras.layers.Dense(3)])
print("input_shape= ->", caught[0].category.__name__ + ":", caught[0].message)
no_input = keras.Sequential([keras.layers.Dense(16, name="first"), keras.layers.Dense(3)])
try:
    no_input.get_layer("first").output
except AttributeError as err:
    print("no keras.Input, layer.output ->", type(err).__name__ + ":", err)
# --8<-- [end:changed]
