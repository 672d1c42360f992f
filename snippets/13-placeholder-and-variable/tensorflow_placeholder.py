"""tf.placeholder: a TensorFlow 1 graph input, what TensorFlow 2.21 says about it, and its replacement."""

import tensorflow as tf

# --8<-- [start:graph]
# TensorFlow 1 style: build a graph first, run it later in a Session, feeding the placeholders.
graph = tf.Graph()
with graph.as_default():  # graph mode inside this block only; the rest of the program is eager
    x = tf.compat.v1.placeholder(tf.float32, shape=[None, 2], name="x")  # None: any batch size
    w = tf.Variable([[1.0], [2.0]], name="w")
    y = tf.matmul(x, w)
    init = tf.compat.v1.global_variables_initializer()

print("y while building:", y)  # symbolic: a name, a shape with a None, no value
with tf.compat.v1.Session(graph=graph) as sess:
    sess.run(init)  # TF 1 variables start uninitialised
    print("sess.run(y, feed_dict=...):", sess.run(y, feed_dict={x: [[1.0, 1.0], [2.0, 3.0]]}).ravel().tolist())
    try:
        sess.run(y)  # forgot to feed the placeholder
    except tf.errors.InvalidArgumentError as err:
        reason = next(line for line in err.message.splitlines() if "must feed" in line)
        print("sess.run(y) ->", type(err).__name__ + ":", reason.strip())
# --8<-- [end:graph]

# --8<-- [start:gone]
for name in ("placeholder", "Session", "variable", "Variable"):  # "variable": the seed's spelling
    print(f"hasattr(tf, {name!r}):", hasattr(tf, name))
try:
    tf.placeholder(tf.float32, shape=[None, 2])  # the TF 1 spelling
except AttributeError as err:
    print("tf.placeholder ->", type(err).__name__ + ":", err)
try:
    tf.compat.v1.placeholder(tf.float32, shape=[None, 2])  # the compat spelling, outside a graph
except RuntimeError as err:
    print("tf.compat.v1.placeholder in eager mode ->", type(err).__name__ + ":", err)
# --8<-- [end:gone]

# --8<-- [start:replacement]
# TensorFlow 2: the "placeholder" is a function argument; input_signature fixes dtype and shape.
w2 = tf.Variable([[1.0], [2.0]])


@tf.function(input_signature=[tf.TensorSpec(shape=[None, 2], dtype=tf.float32, name="x")])
def predict(x):
    return tf.matmul(x, w2)


print("predict(batch of 2):", predict(tf.constant([[1.0, 1.0], [2.0, 3.0]])).numpy().ravel().tolist())
print("predict(batch of 3):", predict(tf.ones([3, 2])).numpy().ravel().tolist())
print("traces:", predict.experimental_get_tracing_count())
print("signature:", predict.get_concrete_function().structured_input_signature[0])
try:
    predict(tf.ones([2, 3]))  # wrong feature size, like feeding the wrong shape
except TypeError as err:
    print("predict(shape (2, 3)) ->", type(err).__name__ + ":", str(err).split("`. Received")[0] + "`")
# --8<-- [end:replacement]
