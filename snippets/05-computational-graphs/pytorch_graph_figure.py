"""Draw the forward and backward graph of y = relu(x @ W + b), L = mean((y - t)^2), from PyTorch's own graphs."""

import matplotlib.pyplot as plt
import torch
from matplotlib.patches import FancyBboxPatch
from torch import nn


class LossModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.W = nn.Parameter(torch.ones(3, 2))
        self.b = nn.Parameter(torch.zeros(2))

    def forward(self, x, t):
        y = torch.relu(x @ self.W + self.b)
        return torch.mean(torch.square(y - t))


torch.manual_seed(0)
model = LossModel()


# --8<-- [start:extract]
def saved_tensors(fn):  # what a backward node kept from the forward pass
    saved = [a for a in dir(fn) if a.startswith("_saved_")]
    return [a.removeprefix("_saved_") for a in saved if isinstance(getattr(fn, a), torch.Tensor)]


# Forward graph: torch.fx records each call; backward graph: autograd's grad_fn chain.
graph = torch.fx.symbolic_trace(model).graph
ops = [n for n in graph.nodes if n.op == "call_function"]
inputs = {n.name: n for n in graph.nodes if n.op in ("placeholder", "get_attr")}
loss = model(torch.randn(4, 3), torch.ones(4, 2))
chain, fn = [], loss.grad_fn
while fn is not None:  # follow the main path; AccumulateGrad leaves are the parameters
    chain.append(fn)
    inner = [f for f, _ in fn.next_functions if f is not None and not hasattr(f, "variable")]
    fn = inner[0] if inner else None
print("forward ops:", [n.name for n in ops])
for f in chain:
    print(f"{f.name():14} saved tensors: {saved_tensors(f)}")
# --8<-- [end:extract]

# Layout: forward ops left to right on one row, their backward nodes right to left below.
assert len(chain) == len(ops), "one backward node per forward op"
FWD_Y, IN_Y, BWD_Y, ACC_Y, STEP = 2.0, 3.25, 0.55, -0.7, 1.3
pos = {n.name: ((i + 1) * STEP, FWD_Y) for i, n in enumerate(ops)}
backward_pos = {f: pos[op.name][0] for f, op in zip(chain, reversed(ops))}
for name, node in inputs.items():  # each input sits above (or before) its first user
    user = pos[next(iter(node.users)).name][0]
    pos[name] = (0.0, FWD_Y) if name == "x" else (user, IN_Y)

RIGHT = (len(ops) + 1) * STEP
fig, ax = plt.subplots(figsize=(11, 4.6))
fig.patch.set_facecolor("white")
ax.set_xlim(-0.6, RIGHT + 0.6)
ax.set_ylim(-1.35, 3.9)
ax.axis("off")


BOX_W, BOX_H = 0.9, 0.5


def box(cx, cy, text, face, edge):
    ax.add_patch(FancyBboxPatch((cx - BOX_W / 2, cy - BOX_H / 2), BOX_W, BOX_H, boxstyle="round,pad=0.02", fc=face, ec=edge, lw=1.2))
    ax.text(cx, cy, text, ha="center", va="center", fontsize=9)


def edge_point(center, toward, gap=0.06):
    """Where the line from center to toward leaves the box around center."""
    dx, dy = toward[0] - center[0], toward[1] - center[1]
    scale = min((BOX_W / 2 + gap) / abs(dx) if dx else float("inf"), (BOX_H / 2 + gap) / abs(dy) if dy else float("inf"))
    return center[0] + dx * scale, center[1] + dy * scale


def arrow(a, b, color, style="-"):
    ax.annotate("", xy=edge_point(b, a), xytext=edge_point(a, b), arrowprops=dict(arrowstyle="-|>", color=color, lw=1.4, ls=style))


FWD, BWD, PARAM, DATA = "#1f5fa8", "#b83a2e", "#8a5a00", "#555555"
labels = {"matmul": "x @ W", "add": "+ b", "relu": "relu", "sub": "− t", "square": "square", "mean": "mean"}
for name, node in inputs.items():
    is_param = node.op == "get_attr"
    box(*pos[name], str(node.target), "#fff3d6" if is_param else "#eeeeee", PARAM if is_param else DATA)
    arrow(pos[name], pos[next(iter(node.users)).name], FWD)
for i, op in enumerate(ops):
    box(*pos[op.name], labels.get(op.name, op.name), "#dce9f7", FWD)
    if i:
        arrow(pos[ops[i - 1].name], pos[op.name], FWD)
loss_xy = (RIGHT, FWD_Y)
box(*loss_xy, "loss L", "#dce9f7", FWD)
arrow(pos[ops[-1].name], loss_xy, FWD)

# Backward: start from dL/dL = 1, follow the chain, end in the parameters' .grad.
seed_xy = (RIGHT, BWD_Y)
box(*seed_xy, "dL/dL = 1", "#fbe3e0", BWD)
arrow(loss_xy, seed_xy, BWD, "--")
prev = seed_xy
for f in chain:
    xy = (backward_pos[f], BWD_Y)
    if saved_tensors(f):  # dotted: a tensor the forward op saved for this backward node
        ax.plot([xy[0], xy[0]], [FWD_Y - BOX_H / 2, BWD_Y + BOX_H / 2], color="#888888", lw=1.2, ls=":")
        kept = ", ".join({"self": "input", "result": "output"}.get(n, n) for n in saved_tensors(f))
        ax.text(xy[0] + 0.05, (FWD_Y + BWD_Y) / 2, f"keeps its {kept}", fontsize=8, color="#666666")
    box(*xy, f.name().replace("Backward0", "\nBackward0"), "#fbe3e0", BWD)
    arrow(prev, xy, BWD, "--")
    prev = xy
for name, node in inputs.items():
    if node.op != "get_attr":  # only parameters receive a .grad
        continue
    acc_xy = (pos[name][0], ACC_Y)
    box(*acc_xy, f"{node.target}.grad", "#fff3d6", PARAM)
    arrow((acc_xy[0], BWD_Y), acc_xy, BWD, "--")

ax.text(-0.5, 3.75, "forward pass: values flow left to right (solid)", color=FWD, fontsize=10, ha="left")
ax.text(-0.5, -1.25, "backward pass: gradients flow right to left (dashed)", color=BWD, fontsize=10, ha="left")
ax.text(RIGHT + 0.5, -1.25, "dotted: a tensor kept from the forward pass", color="#666666", fontsize=8, ha="right")
fig.savefig("computational_graph.svg")
print("saved computational_graph.svg")
