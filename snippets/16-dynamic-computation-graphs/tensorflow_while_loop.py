"""The same data-dependent loop in TensorFlow: tf.function, with gradients through the loop."""

import tensorflow as tf

tf.random.set_seed(0)

# --8<-- [start:function]
scale = tf.Variable(1.5)


@tf.function
def grow(x):
    """Multiply x by scale until its absolute sum reaches 10: the input decides the loop count."""
    print("tracing grow")  # a Python side effect: runs only while tracing
    steps = tf.constant(0)
    while tf.reduce_sum(tf.abs(x)) < 10.0:  # a tensor condition: AutoGraph makes a While op
        x = x * scale
        steps += 1
    return tf.reduce_sum(x), steps


for x in (tf.constant([1.0, 1.0]), tf.constant([3.0, 3.0])):
    with tf.GradientTape() as tape:
        out, steps = grow(x)
    grad = tape.gradient(out, scale)
    print(f"x={x.numpy().tolist()}: {int(steps)} iterations, out={float(out):.4f}, d out/d scale={float(grad):.4f}")
print("traces:", grow.experimental_get_tracing_count(), "(one graph serves both inputs)")
# --8<-- [end:function]
