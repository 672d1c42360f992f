"""Custom Keras layers: build() and add_weight, what Keras tracks, and what saving a custom layer needs."""

import os
import re
import tempfile

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(64, 4)).astype("float32")
y = x @ np.array([[1.0], [-2.0], [0.5], [3.0]], "float32")  # a linear target to fit


def names(variables):
    return [v.path for v in variables]


# --8<-- [start:layer]
class ScaledDense(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units  # hyperparameters only: the input size is not known yet

    def build(self, input_shape):  # runs once, on the first call, with the input's shape
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform", name="kernel")
        self.scale = self.add_weight(shape=(), initializer="ones", name="scale")
        self.calls = self.add_weight(shape=(), initializer="zeros", trainable=False, name="calls")  # state, no gradient

    def call(self, inputs):
        self.calls.assign_add(1.0)
        return self.scale * (inputs @ self.kernel)


layer = ScaledDense(3)
print("before the first call: built =", layer.built, "weights =", layer.weights)
layer(x)
print("after it:              built =", layer.built)
print("trainable weights:    ", names(layer.trainable_weights))
print("non-trainable weights:", names(layer.non_trainable_weights))
print("get_config():", {k: v for k, v in layer.get_config().items() if k != "dtype"})
# --8<-- [end:layer]

# --8<-- [start:tracking]
class Stack(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.blocks = [keras.layers.Dense(4) for _ in range(2)]  # a plain list: tracked
        self.heads = {"out": keras.layers.Dense(1)}  # a plain dict: tracked
        self.offset = keras.Variable(np.zeros(1, "float32"), name="offset")  # a keras.Variable: tracked
        self.mask = np.ones(4, "float32")  # an array: a constant, never a weight

    def call(self, inputs):
        for block in self.blocks:
            inputs = block(inputs) * self.mask
        return self.heads["out"](inputs) + self.offset


stack = Stack()
stack(x)
print("Stack weights:", names(stack.weights))


class LateWeight(keras.layers.Layer):  # no build(): weights created inside call()
    def call(self, inputs):
        self.kernel = self.add_weight(shape=(inputs.shape[-1], 1))
        return inputs @ self.kernel


try:
    LateWeight()(x)
except ValueError as err:
    print("add_weight in call() ->", type(err).__name__ + ":", re.search(r"You cannot add new elements.*?already built\.", str(err)).group())
# --8<-- [end:tracking]

# --8<-- [start:old_style]
class OldStyleDense(keras.layers.Layer):
    """How TF 2.x-era guides wrote a layer: a raw tf.Variable as an attribute."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.w = tf.Variable(tf.zeros((4, 1)), trainable=True)  # Keras 3 does not track this
        self.b = self.add_weight(shape=(1,), initializer="zeros", name="b")  # this it tracks

    def call(self, inputs):
        return inputs @ self.w + self.b


class NewStyleDense(OldStyleDense):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.w = self.add_weight(shape=(4, 1), initializer="zeros", name="w")  # fine in __init__ too


for cls in (OldStyleDense, NewStyleDense):
    model = keras.Sequential([keras.Input((4,)), cls()])
    model.compile(keras.optimizers.SGD(0.1), "mse")
    model.fit(x, y, epochs=20, verbose=0)
    print(f"{cls.__name__}: trainable {names(model.trainable_weights)}, w still zero:", bool(np.all(model.layers[0].w.numpy() == 0)))
    print(f"{cls.__name__}: loss after 20 epochs {model.evaluate(x, y, verbose=0):.2f}")  # ±0.02 on other CPUs
# --8<-- [end:old_style]

# --8<-- [start:saving]
model = keras.Sequential([keras.Input((4,)), ScaledDense(1)])
folder = tempfile.TemporaryDirectory()
path = os.path.join(folder.name, "model.keras")
model.save(path)  # the .keras file holds get_config() of every layer plus the weights
try:
    keras.models.load_model(path)
except TypeError as err:
    print("load without the class ->", re.search(r"Could not locate class '\w+'", str(err)).group())
restored = keras.models.load_model(path, custom_objects={"ScaledDense": ScaledDense})
print("load with custom_objects: same outputs:", np.allclose(model(x), restored(x)))


@keras.saving.register_keras_serializable(package="demo")  # or register once, load anywhere
class Residual(keras.layers.Layer):
    def __init__(self, inner, **kwargs):
        super().__init__(**kwargs)
        self.inner = inner  # a layer argument: Keras cannot write its config by itself

    def call(self, inputs):
        return inputs + self.inner(inputs)


try:
    keras.Sequential([keras.Input((4,)), Residual(keras.layers.Dense(4))]).save(path)
except NotImplementedError as err:
    print("save with a layer argument ->", type(err).__name__ + ":", " ".join(str(err).split()[:16]))


@keras.saving.register_keras_serializable(package="demo")
class SerializableResidual(Residual):
    def get_config(self):
        return {**super().get_config(), "inner": keras.saving.serialize_keras_object(self.inner)}

    @classmethod
    def from_config(cls, config):
        return cls(keras.saving.deserialize_keras_object(config.pop("inner")), **config)


model = keras.Sequential([keras.Input((4,)), SerializableResidual(keras.layers.Dense(4))])
model.save(path)
print("with get_config/from_config: same outputs:", np.allclose(model(x), keras.models.load_model(path)(x)))
folder.cleanup()
# --8<-- [end:saving]
