"""See vanishing and exploding signals in a 30-layer ReLU stack, and fix them (He init, LayerNorm, residuals)."""

import torch
from torch import nn

torch.manual_seed(0)
DEPTH, WIDTH = 30, 256
x = torch.randn(256, WIDTH)


# --8<-- [start:diagnose]
class Block(nn.Module):
    def __init__(self, norm=False, residual=False):
        super().__init__()
        self.linear = nn.Linear(WIDTH, WIDTH)
        self.norm = nn.LayerNorm(WIDTH) if norm else nn.Identity()
        self.residual = residual

    def forward(self, h):
        out = torch.relu(self.norm(self.linear(h)))
        return h + out if self.residual else out


def report(name, init=None, **block_args):
    torch.manual_seed(1)
    blocks = nn.Sequential(*[Block(**block_args) for _ in range(DEPTH)])
    if init is not None:
        blocks.apply(init)
    stds, h = [], x
    for block in blocks:
        h = block(h)
        stds.append(h.std().item())
    h.mean().backward()  # a probe loss: what reaches each layer's weights
    grads = [b.linear.weight.grad.double().norm().item() for b in blocks]  # float64: no overflow
    layers = [0, 9, 19, 29]
    print(f"{name}")
    print("  activation std, layers 1/10/20/30:", "  ".join(f"{stds[i]:.2e}" for i in layers))
    print("  weight-grad norm, layers 1/10/20/30:", "  ".join(f"{grads[i]:.2e}" for i in layers))


def normal(std):
    def init(m):
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, std=std)
            nn.init.zeros_(m.bias)

    return init


report("default init (kaiming_uniform_, a=sqrt(5)): vanishes")
report("N(0, 1) init: explodes", init=normal(1.0))
# --8<-- [end:diagnose]

# --8<-- [start:fix]
def he_init(m):
    if isinstance(m, nn.Linear):
        nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
        nn.init.zeros_(m.bias)


report("He init (kaiming_normal_, relu): stable", init=he_init)
report("default init + LayerNorm in each block", norm=True)
report("default init + residual h + f(h)", residual=True)
report("default init + residual + LayerNorm", norm=True, residual=True)
# --8<-- [end:fix]
