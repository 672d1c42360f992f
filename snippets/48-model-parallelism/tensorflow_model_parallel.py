"""Model parallelism on the TensorFlow side: DTensor on two logical CPU devices, and what Keras 3 does with it.

TensorFlow's own sharding API is DTensor (tf.experimental.dtensor). Keras 3's keras.distribution
(DeviceMesh, LayoutMap, ModelParallel) shards variables only on the JAX backend; the last part of
this program shows that on the TensorFlow backend the layout is accepted and then ignored.
"""

import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"

import tensorflow as tf  # noqa: E402
from tensorflow.experimental import dtensor  # noqa: E402

# Two logical devices on one CPU, configured before TensorFlow initialises (on GPUs: "GPU:0", "GPU:1").
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)

import keras  # noqa: E402

U = dtensor.UNSHARDED


def local_shapes(t):
    return " | ".join(f"{d.split('device:')[-1]}: {tuple(c.shape)}" for d, c in zip(mesh.local_devices(), dtensor.unpack(t)))


def place(t, *specs):
    """Put a tensor on the mesh replicated, then split it as `specs` says (a local split, no communication)."""
    replicated = dtensor.copy_to_mesh(t, dtensor.Layout.replicated(mesh, rank=t.shape.rank))
    return dtensor.relayout(replicated, dtensor.Layout(list(specs), mesh))


# --8<-- [start:dtensor]
mesh = dtensor.create_mesh([("model", 2)], devices=["CPU:0", "CPU:1"])

tf.random.set_seed(0)
x = tf.random.normal((4, 8))
w = tf.random.normal((8, 6))
expected = x @ w  # the unsharded matmul, for comparison

for specs in (["model", U], [U, "model"], [U, U]):
    print(f"w (8, 6) as {specs}:".ljust(40), local_shapes(place(w, *specs)))

# Column-parallel: shard w's output columns, replicate x. No communication in the matmul.
y_col = tf.matmul(place(x, U, U), place(w, U, "model"))
print("x @ w[unsharded, model] local result:", local_shapes(y_col))
print("  layout:", dtensor.fetch_layout(y_col).sharding_specs)
full = dtensor.unpack(dtensor.relayout(y_col, dtensor.Layout.replicated(mesh, rank=2)))[0]
print("  equals x @ w:", bool(tf.reduce_all(tf.abs(full - expected) < 1e-5)))

# Row-parallel: shard the contracted dimension; DTensor inserts the all-reduce by itself.
y_row = tf.matmul(place(x, U, "model"), place(w, "model", U))
print("x[unsharded, model] @ w[model, unsharded] layout:", dtensor.fetch_layout(y_row).sharding_specs)
print("  equals x @ w:", bool(tf.reduce_all(tf.abs(dtensor.unpack(y_row)[0] - expected) < 1e-5)))

# A trainable sharded weight is a DVariable: each device stores half of it.
kernel = dtensor.DVariable(place(w, U, "model"))
print("DVariable local shards:", local_shapes(kernel.read_value()))
# --8<-- [end:dtensor]

# --8<-- [start:mirrored]
# Data parallelism for contrast: MirroredStrategy keeps a FULL copy of every variable per device.
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
with strategy.scope():
    v = tf.Variable(tf.zeros((8, 6)))
print("MirroredStrategy copies:", [tuple(c.shape) for c in strategy.experimental_local_results(v)])
# --8<-- [end:mirrored]

# --8<-- [start:strategies]
strategies = sorted(n for n in dir(tf.distribute) if n.endswith("Strategy") and n != "Strategy")
print("tf.distribute strategies:", ", ".join(strategies))
# --8<-- [end:strategies]

# --8<-- [start:old]
try:  # Keras 2 (TF 2.9 to 2.15) sharded Keras models through DTensor with this class
    tf.keras.dtensor.experimental.LayoutMap(mesh=mesh)
except AttributeError as error:
    print("tf.keras.dtensor.experimental.LayoutMap:", type(error).__name__, error)
# --8<-- [end:old]

# --8<-- [start:keras]
print("Keras", keras.__version__, "backend:", keras.backend.backend())
device_mesh = keras.distribution.DeviceMesh((2,), ["model"], devices=keras.distribution.list_devices("cpu"))
layout_map = keras.distribution.LayoutMap(device_mesh)
layout_map["dense.*kernel"] = (None, "model")  # split the kernel's output columns
layout_map["dense.*bias"] = ("model",)
distribution = keras.distribution.ModelParallel(layout_map=layout_map, batch_dim_name=None)
keras.distribution.set_distribution(distribution)  # accepted without an error or a warning...

layer = keras.layers.Dense(6, name="dense")
layer.build((None, 8))
print("layout Keras asks for:", distribution.get_variable_layout(layer.kernel).axes)
print("kernel is a DTensor:", dtensor.is_dtensor(layer.kernel.value))  # ...but nothing is sharded
print("kernel stored as:", type(layer.kernel.value).__name__, tuple(layer.kernel.shape), "on", layer.kernel.value.device.split("device:")[-1])
keras.distribution.set_distribution(None)
# On the JAX backend (KERAS_BACKEND=jax) a Keras variable reads its layout from the distribution
# when it is created and becomes a sharded jax.Array; JAX is not installed here, so that is not run.
# --8<-- [end:keras]


# --8<-- [start:memory]
def memory_per_gpu(n_params=7e9, n_gpus=8, gpu_gb=80):
    fp32, bf16 = tf.float32.size, tf.bfloat16.size  # 4 and 2 bytes
    recipes = {  # bytes per parameter: weights, gradients, Adam (m, v) in fp32
        "fp32 training": (fp32, fp32, 2 * fp32),
        "bf16 + fp32 master copy": (bf16 + fp32, bf16, 2 * fp32),
    }
    for name, (weights, grads, adam) in recipes.items():
        per_param = weights + grads + adam
        total = n_params * per_param / 1e9
        print(
            f"7B, {name}: {weights}+{grads}+{adam} = {per_param} bytes/param | "
            f"replicated {total:.0f} GB per GPU | sharded over {n_gpus} GPUs {total / n_gpus:.0f} GB per GPU"
        )
    print(f"fits in one {gpu_gb} GB GPU (before activations): replicated {total <= gpu_gb}, sharded {total / n_gpus <= gpu_gb}")


memory_per_gpu()
# --8<-- [end:memory]
