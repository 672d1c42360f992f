"""Whole-graph optimisation in TensorFlow: what XLA does to a tf.function."""

import re

import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)  # the PyTorch programs draw the same numbers
x = tf.constant(rng.normal(size=(4, 3)).astype("float32"))
W = tf.Variable(rng.normal(size=(3, 2)).astype("float32"), name="W")
b = tf.Variable(tf.zeros([2]), name="b")
t = tf.ones([4, 2])


@tf.function
def loss_fn(x, t):
    y = tf.nn.relu(x @ W + b)
    return tf.reduce_mean(tf.square(y - t))


# --8<-- [start:optimise]
xla_loss = tf.function(loss_fn.python_function, jit_compile=True)  # same Python, for XLA
ir = xla_loss.experimental_get_compiler_ir(x, t)
before, after = ir(stage="hlo"), ir(stage="optimized_hlo")


def entry_ops(hlo):
    """Opcodes of the HLO module's ENTRY computation (the program XLA runs)."""
    entry = hlo[hlo.index("ENTRY") :].split("\n}")[0]
    return re.findall(r"= \S+ (\w+)\(", entry)


print("HLO before XLA's passes:", len(entry_ops(before)), "instructions")
print("HLO after XLA's passes: ", len(entry_ops(after)), "instructions:", ", ".join(entry_ops(after)))
fusion = after.split("fused_computation")[1].split("\n}")[0]
tf_ops = dict.fromkeys(re.findall(r'op_type="(\w+)"', fusion))  # TF ops the fusion came from
print("the fusion runs these TF ops in one kernel:", ", ".join(tf_ops))
print("mean's 1/8 folded to a constant:", "constant(0.125)" in after)
print("same loss:", np.isclose(float(xla_loss(x, t)), float(loss_fn(x, t))))
# --8<-- [end:optimise]
