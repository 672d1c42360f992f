"""TensorFlow 2 runs eagerly; tf.function traces a graph when you ask for one."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 4)).astype("float32")  # 64 made-up samples, 4 features
y = x @ np.array([[1.0], [-2.0], [0.5], [3.0]], dtype="float32") + 0.1  # a linear target

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])

# --8<-- [start:execution]
print("eager by default:", tf.executing_eagerly())


@tf.function  # traced once per input signature into a TensorFlow graph
def predict(batch):
    return model(batch)


graph = predict.get_concrete_function(tf.TensorSpec([None, 4], tf.float32)).graph
op_types = [op.type for op in graph.get_operations()]
plumbing = {"Placeholder", "ReadVariableOp", "Identity", "NoOp"}  # inputs, weights, outputs
compute = [t for t in op_types if t not in plumbing]
print("tf.function graph:", len(op_types), "ops, compute:", ", ".join(compute))
print("graph == eager:", np.allclose(predict(x[:2]), model(x[:2])))
# --8<-- [end:execution]
