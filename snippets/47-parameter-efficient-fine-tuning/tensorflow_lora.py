"""LoRA in Keras 3: enable_lora on Dense and EinsumDense, training, merging on save, real-size counts."""

import os
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras
import numpy as np

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)


def count(model):
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    return f"{trainable:,} trainable of {model.count_params():,}"


# --8<-- [start:apply]
model = keras.Sequential([
    keras.Input((32,)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(4),
])
x = rng.standard_normal((256, 32)).astype("float32")
y = rng.standard_normal((256, 4)).astype("float32")
before = model.predict(x, verbose=0)
print("full model:        ", count(model))

# enable_lora freezes the layer's kernel and adds lora_kernel_a (in x r, random) and lora_kernel_b
# (r x out, zeros). It leaves the bias trainable: freeze it, and the layers without LoRA, yourself.
model.layers[2].trainable = False
for layer in model.layers[:2]:
    layer.enable_lora(4, lora_alpha=8)  # scale alpha / rank = 2; lora_alpha defaults to rank
    layer.bias.trainable = False
print("with LoRA (r=4):   ", count(model))
print("trainable weights of layer 0:", [(w.name, tuple(w.shape)) for w in model.layers[0].trainable_weights])
print("output unchanged at init (B = 0):", np.array_equal(model.predict(x, verbose=0), before))
# --8<-- [end:apply]

# --8<-- [start:einsum]
# EinsumDense (the projections inside MultiHeadAttention and KerasHub models) takes enable_lora too.
qkv = keras.layers.EinsumDense("btd,dhk->bthk", output_shape=(None, 8, 16))  # 8 heads of size 16
qkv.build((None, None, 128))
kernel_size = int(np.prod(qkv.kernel.shape))
qkv.enable_lora(8)
lora_size = sum(int(np.prod(w.shape)) for w in (qkv.lora_kernel_a, qkv.lora_kernel_b))
print(f"EinsumDense kernel {tuple(qkv.kernel.shape)}: {kernel_size:,} frozen, LoRA r=8 adds {lora_size:,}",
      [tuple(w.shape) for w in (qkv.lora_kernel_a, qkv.lora_kernel_b)])
for action, layer in (("enable_lora twice", qkv), ("enable_lora before build()", keras.layers.Dense(4))):
    try:
        layer.enable_lora(8)
    except ValueError as error:
        print(f"{action}: ValueError: {error}")
# A keeps every kernel axis but the last: (d_model, heads, r). The same rule for a real-size projection:
d_model, heads, head_dim, r = 4096, 32, 128, 8
print(f"EinsumDense kernel ({d_model}, {heads}, {head_dim}), r=8: LoRA adds {d_model * heads * r + r * head_dim:,}; "
      f"a Dense {d_model} x {heads * head_dim} with r=8 adds {d_model * r + r * heads * head_dim:,}")
# --8<-- [end:einsum]

# --8<-- [start:train]
dense = model.layers[0]
frozen_kernel = dense._kernel.numpy()  # the stored pretrained kernel; dense.kernel includes LoRA
model.compile(keras.optimizers.Adam(1e-2), "mse")
history = model.fit(x, y, batch_size=256, epochs=50, verbose=0)
print(f"after 50 steps: loss {history.history['loss'][-1]:.3f}",  # ±2% on other CPUs
      "| base kernel unchanged:", np.array_equal(dense._kernel.numpy(), frozen_kernel),
      "| B still zero:", not np.any(dense.lora_kernel_b.numpy()))
# --8<-- [end:train]

# --8<-- [start:merge]
# layer.kernel is already the merged kernel W + (alpha / r) A B: copy it into plain Dense layers.
merged = keras.Sequential([keras.Input((32,)), *(keras.layers.Dense(d.units, activation=d.activation) for d in model.layers)])
for plain, lora in zip(merged.layers, model.layers):
    plain.set_weights([lora.kernel.numpy(), lora.bias.numpy()])
gap = np.abs(merged.predict(x, verbose=0) - model.predict(x, verbose=0)).max()
print("merged model:", merged.count_params(), "parameters, as many as the original")
print(f"max |merged - unmerged| output difference: {gap:.1e}")  # ±1e-5 on other CPUs

# model.save() merges too: the file holds W + (alpha / r) A B as the kernel, and loading gives
# LoRA-enabled layers whose A and B are zero.
with tempfile.TemporaryDirectory() as tmp:
    model.save(os.path.join(tmp, "lora.keras"))
    loaded = keras.models.load_model(os.path.join(tmp, "lora.keras"), compile=False)
first = loaded.layers[0]
print("after save/load: lora_enabled", first.lora_enabled, "| A and B zero:",
      not np.any(first.lora_kernel_a.numpy()) and not np.any(first.lora_kernel_b.numpy()),
      "| stored kernel equals the merged one:", np.allclose(first._kernel.numpy(), dense.kernel.numpy(), atol=1e-6))
# --8<-- [end:merge]

# --8<-- [start:real]
# One 4096 x 4096 projection of a 7B-class model (64 MiB of float32, built for real).
big = keras.layers.Dense(4096, use_bias=False)
big.build((None, 4096))
big.enable_lora(8)
trainable = sum(int(np.prod(w.shape)) for w in big.trainable_weights)
print(f"4096 x 4096 layer, r=8: {trainable:,} trainable of {big.count_params():,} parameters "
      f"({100 * trainable / (4096 * 4096):.2f}% of the layer)")


def llama2_7b_parameters(vocab=32000, d=4096, hidden=11008, layers=32):
    per_layer = 4 * d * d + 3 * d * hidden + 2 * d  # q, k, v, o; gate, up, down; two RMSNorms
    return 2 * vocab * d + layers * per_layer + d  # embeddings and untied output layer, final norm


base_params = llama2_7b_parameters()
lora_params = 32 * 2 * (4096 * 8 + 8 * 4096)  # r=8 on the query and value projections of 32 layers
print(f"Llama-2-7B-like, LoRA r=8 on query and value: trainable params: {lora_params:,} || "
      f"all params: {base_params + lora_params:,} || trainable%: {100 * lora_params / (base_params + lora_params):.4f}")
print(f"Adam states (2 x fp32): full fine-tuning {2 * 4 * base_params / 2**30:.1f} GiB, LoRA {2 * 4 * lora_params / 2**20:.0f} MiB")
# KerasHub models do all of this in one call (downloads weights, so not run here):
#   gemma = keras_hub.models.GemmaCausalLM.from_preset("gemma_2b_en")
#   gemma.backbone.enable_lora(rank=4)          # query and value projections of every block
#   gemma.backbone.save_lora_weights("adapter.lora.h5")   # only the LoRA weights
# --8<-- [end:real]
