"""Keras has no module hooks: multi-output sub-models, a wrapped call, GradientTape, custom_gradient."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)


def fixed(shape, scale, fn=np.sin):
    """Deterministic weights, the same numbers as the PyTorch program's."""
    return (scale * fn(np.arange(np.prod(shape))).reshape(shape)).astype("float32")


inputs = keras.Input((4,))
hidden = keras.layers.Dense(8, name="dense")(inputs)
hidden = keras.layers.ReLU(name="relu")(hidden)
logits = keras.layers.Dense(3, name="logits")(hidden)
model = keras.Model(inputs, logits)
model.get_layer("dense").set_weights([fixed((4, 8), 0.5), fixed((8,), 0.1, np.cos)])
model.get_layer("logits").set_weights([fixed((8, 3), 0.5), fixed((3,), 0.1, np.cos)])
x = np.linspace(-1, 1, 8, dtype="float32").reshape(2, 4)

# --8<-- [start:forward]
# The equivalent of forward hooks on every layer: a model with more outputs, same weights.
taps = keras.Model(model.input, {layer.name: layer.output for layer in model.layers[1:]})
for name, act in taps(x).items():
    print(f"layer {name} ({type(model.get_layer(name)).__name__}): shape {tuple(act.shape)}, sum {float(tf.reduce_sum(act)):.4f}")
print("shares the weights:", taps.get_layer("dense") is model.get_layer("dense"))

# Wrapping a layer's call works like a hook in eager mode, but inside tf.function
# (fit, predict) the Python code runs only while tracing, not at every step.
relu = model.get_layer("relu")
original_call, calls = relu.call, []


def spy(*args, **kwargs):
    output = original_call(*args, **kwargs)
    calls.append(tuple(output.shape))
    return output


relu.call = spy
model(x)
print("after 1 eager call:", len(calls), "spy call")
for _ in range(3):
    model.predict(x, verbose=0)
print("after 3 more predict() calls:", len(calls), "spy calls (predict traced once)")
relu.call = original_call
# --8<-- [end:forward]

# --8<-- [start:backward]
# The equivalent of a backward hook: ask the tape for the gradient at an intermediate output.
with tf.GradientTape() as tape:
    outs = taps(x)
    loss = tf.reduce_sum(outs["logits"])
grad_relu_out, grad_relu_in = tape.gradient(loss, [outs["relu"], outs["dense"]])
print(f"ReLU grad_output: shape {tuple(grad_relu_out.shape)}, sum {float(tf.reduce_sum(grad_relu_out)):.4f}")
print(f"ReLU grad_input:  shape {tuple(grad_relu_in.shape)}, sum {float(tf.reduce_sum(grad_relu_in)):.4f}")


# The equivalent of tensor.register_hook returning a new gradient: an identity op whose
# gradient function changes what flows back.
@tf.custom_gradient
def halve_gradient(t):
    return tf.identity(t), lambda upstream: upstream * 0.5


y = tf.Variable([1.0, 2.0])
with tf.GradientTape() as tape:
    z = halve_gradient(y * 3)
    total = tf.reduce_sum(z)
print("dz/dy with the halving op:", tape.gradient(total, y).numpy().tolist(), "(3.0 each without it)")
# --8<-- [end:backward]
