"""tf.Variable: mutable state, assign/assign_add, trainable=False, and how modules and layers track it."""

import keras
import tensorflow as tf

keras.utils.set_random_seed(0)

# --8<-- [start:variable]
v = tf.Variable([1.0, 2.0], name="v")  # dtype and shape fixed at creation
v.assign([3.0, 4.0])  # in-place update (a tf.Tensor has no such method)
v.assign_add([1.0, 1.0])
print("v after assign + assign_add:", v.numpy().tolist(), "| trainable:", v.trainable)
try:
    v.assign([1.0, 2.0, 3.0])
except ValueError as err:
    print("assign a new shape ->", type(err).__name__ + ":", str(err).split(".The")[0])

scale = tf.Variable(2.0, trainable=False, name="scale")  # state no optimizer should touch
with tf.GradientTape() as tape:  # trainable variables are watched automatically
    loss = scale * tf.reduce_sum(v**2)
grad_v, grad_scale = tape.gradient(loss, [v, scale])
print("gradient for v:", grad_v.numpy().tolist(), "| for scale (trainable=False):", grad_scale)


@tf.function
def make_and_use(x):
    fresh = tf.Variable(x)  # a new variable on every trace
    return fresh + 1


try:
    make_and_use(1.0)
except ValueError as err:
    reason = next(line for line in str(err).splitlines() if "ValueError:" in line)
    print("tf.Variable created inside tf.function ->", reason.strip().split(". ")[0])
# --8<-- [end:variable]


# --8<-- [start:tracking]
class Counter(tf.Module):
    """tf.Module collects every tf.Variable assigned as an attribute (also inside lists/dicts)."""

    def __init__(self):
        super().__init__()
        self.w = tf.Variable(tf.ones([2, 1]), name="w")
        self.calls = tf.Variable(0, trainable=False, name="calls")


module = Counter()
print("tf.Module variables:", [v.name for v in module.variables])
print("tf.Module trainable_variables:", [v.name for v in module.trainable_variables])

# Keras layers track their weights the same way, split into trainable and non-trainable.
bn = keras.layers.BatchNormalization()
bn.build((None, 3))
print("BatchNormalization trainable:", [w.path for w in bn.trainable_weights])
print("BatchNormalization non-trainable:", [w.path for w in bn.non_trainable_weights])
dense = keras.layers.Dense(1)
dense.build((None, 2))
print("Keras 3 weight type:", type(dense.kernel).__name__, "| isinstance tf.Variable:", isinstance(dense.kernel, tf.Variable))
print("its .value on the TensorFlow backend:", type(dense.kernel.value).__name__)
# --8<-- [end:tracking]
