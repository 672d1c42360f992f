"""What tf.function builds from Python control flow: AutoGraph code, a While op, retracing."""

import textwrap

import tensorflow as tf

tf.random.set_seed(0)
scale = tf.Variable(1.5)


@tf.function
def grow(x):
    """Multiply x by scale until its absolute sum reaches 10: the input decides the loop count."""
    steps = tf.constant(0)
    while tf.reduce_sum(tf.abs(x)) < 10.0:  # a tensor condition: AutoGraph makes a While op
        x = x * scale
        steps += 1
    return tf.reduce_sum(x), steps


# --8<-- [start:autograph]
# What AutoGraph generated from the Python `while` (the loop part only).
code = tf.autograph.to_code(grow.python_function).splitlines()
start = next(i for i, line in enumerate(code) if "def loop_body" in line)
end = next(i for i, line in enumerate(code) if "ag__.while_stmt" in line)
print(textwrap.dedent("\n".join(code[start : end + 1])))

# The traced graph holds the loop itself, as one op.
graph = grow.get_concrete_function(tf.TensorSpec([2], tf.float32)).graph
print("loop ops in the graph:", sorted({op.type for op in graph.get_operations() if "While" in op.type}))
# --8<-- [end:autograph]


# --8<-- [start:retrace]
# A Python int is a constant at trace time: the loop is unrolled, and each new value retraces.
@tf.function
def repeat(x, n):
    for _ in range(n):  # Python range over a Python int: unrolled while tracing
        x = x * scale
    return tf.reduce_sum(x)


for n in (2, 4, 2, 5):
    repeat(tf.constant([1.0, 1.0]), n)
    print(f"n={n}: traces so far {repeat.experimental_get_tracing_count()}")

# Pass n as a tensor and the same loop becomes one While op, traced once for every n.
for n in (2, 4, 5):
    result = repeat(tf.constant([1.0, 1.0]), tf.constant(n))
    print(f"n=tf.constant({n}): sum={float(result):.4f}, traces so far {repeat.experimental_get_tracing_count()}")
# --8<-- [end:retrace]
