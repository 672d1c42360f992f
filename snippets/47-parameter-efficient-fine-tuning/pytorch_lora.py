"""LoRA in PyTorch: a hand-written wrapper around nn.Linear, training, merging, and real-size counts."""

import importlib.util
import math

import torch
from torch import nn

torch.manual_seed(0)


def count(model):
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return f"{trainable:,} trainable of {sum(p.numel() for p in model.parameters()):,}"


# --8<-- [start:wrapper]
class LoRALinear(nn.Module):
    """y = x W^T + b + (alpha / r) * x A^T B^T, with W and b frozen and only A (r x in), B (out x r) trained."""

    def __init__(self, base: nn.Linear, rank: int, alpha: float):
        super().__init__()
        self.base = base.requires_grad_(False)  # the pretrained weights stay as they are
        self.scale = alpha / rank
        self.lora_A = nn.Parameter(torch.empty(rank, base.in_features, device=base.weight.device))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, rank, device=base.weight.device))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))  # random A, as PEFT does; B = 0

    def forward(self, x):
        return self.base(x) + (x @ self.lora_A.T @ self.lora_B.T) * self.scale

    def merged(self) -> nn.Linear:
        """A plain nn.Linear with W + (alpha / r) B A: same outputs, no extra cost at inference."""
        layer = nn.Linear(self.base.in_features, self.base.out_features, bias=self.base.bias is not None)
        with torch.no_grad():
            layer.weight.copy_(self.base.weight + self.scale * self.lora_B @ self.lora_A)
            if self.base.bias is not None:
                layer.bias.copy_(self.base.bias)
        return layer
# --8<-- [end:wrapper]


# --8<-- [start:apply]
model = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 4))
x = torch.randn(256, 32)
y = torch.randn(256, 4)
with torch.no_grad():
    before = model(x)
print("full model:        ", count(model))

model.requires_grad_(False)  # freeze everything, then add adapters to the two hidden layers
model[0] = LoRALinear(model[0], rank=4, alpha=8)
model[2] = LoRALinear(model[2], rank=4, alpha=8)
print("with LoRA (r=4):   ", count(model))
with torch.no_grad():
    print("output unchanged at init (B = 0):", torch.equal(model(x), before))
# --8<-- [end:apply]

# --8<-- [start:train]
frozen_weight = model[0].base.weight.clone()
optimizer = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-2)
for _ in range(50):
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    optimizer.step()
print(f"after 50 steps: loss {loss.item():.3f}", "| base weight unchanged:", torch.equal(model[0].base.weight, frozen_weight),  # ±2% on other CPUs
      "| B still zero:", bool((model[0].lora_B == 0).all()))
print("optimizer holds", sum(p.numel() for g in optimizer.param_groups for p in g["params"]), "values (Adam keeps 2 states each)")
# --8<-- [end:train]

# --8<-- [start:merge]
merged = nn.Sequential(model[0].merged(), nn.ReLU(), model[2].merged(), nn.ReLU(), model[4])
with torch.no_grad():
    gap = (merged(x) - model(x)).abs().max().item()
print("merged model:", sum(p.numel() for p in merged.parameters()), "parameters, as many as the original")
print(f"max |merged - unmerged| output difference: {gap:.1e}")  # ±1e-5 on other CPUs
# --8<-- [end:merge]

# --8<-- [start:real]
# One 4096 x 4096 projection of a 7B-class model, on the meta device (shapes only, no memory).
big = LoRALinear(nn.Linear(4096, 4096, bias=False, device="meta"), rank=8, alpha=16)
trainable = sum(p.numel() for p in big.parameters() if p.requires_grad)
print(f"4096 x 4096 layer, r=8: {count(big)} parameters ({100 * trainable / big.base.weight.numel():.2f}% of the layer)")


def llama2_7b_parameters(vocab=32000, d=4096, hidden=11008, layers=32):
    per_layer = 4 * d * d + 3 * d * hidden + 2 * d  # q, k, v, o; gate, up, down; two RMSNorms
    return 2 * vocab * d + layers * per_layer + d  # embeddings and untied output layer, final norm


base_params = llama2_7b_parameters()
lora_params = 32 * 2 * (4096 * 8 + 8 * 4096)  # r=8 on q_proj and v_proj of 32 layers
print(f"Llama-2-7B-like, LoRA r=8 on q_proj, v_proj: trainable params: {lora_params:,} || "
      f"all params: {base_params + lora_params:,} || trainable%: {100 * lora_params / (base_params + lora_params):.4f}")
print(f"Adam states (2 x fp32): full fine-tuning {2 * 4 * base_params / 2**30:.1f} GiB, LoRA {2 * 4 * lora_params / 2**20:.0f} MiB")
# --8<-- [end:real]

# --8<-- [start:peft]
print("peft installed:", importlib.util.find_spec("peft") is not None)
# With the Hugging Face PEFT library (pip install peft), the same adapters on a model's named layers:
#   from peft import LoraConfig, get_peft_model
#   config = LoraConfig(r=8, lora_alpha=16, lora_dropout=0.05, target_modules=["q_proj", "v_proj"])
#   model = get_peft_model(model, config)
#   model.print_trainable_parameters()   # trainable params: ... || all params: ... || trainable%: ...
#   model.save_pretrained("adapter/")    # writes only the adapter weights (a few MB)
#   merged = model.merge_and_unload()     # W + (alpha / r) B A, plain nn.Linear layers again
# --8<-- [end:peft]
