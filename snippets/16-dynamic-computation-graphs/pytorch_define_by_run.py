"""Define-by-run in PyTorch: a data-dependent loop, recorded anew on every call."""

import torch

torch.manual_seed(0)


# --8<-- [start:eager]
def grow(x, scale):
    """Multiply x by scale until its absolute sum reaches 10: the input decides the loop count."""
    steps = 0
    while x.abs().sum() < 10:  # plain Python `while` on a tensor's value
        x = x * scale
        steps += 1
    return x.sum(), steps


def count_nodes(output, name):
    """Walk the autograd graph that was recorded while computing `output`."""
    seen, stack = 0, [output.grad_fn]
    while stack:
        node = stack.pop()
        if node is not None:
            seen += node.name() == name
            stack.extend(parent for parent, _ in node.next_functions)
    return seen


scale = torch.tensor(1.5, requires_grad=True)
for x in (torch.tensor([1.0, 1.0]), torch.tensor([3.0, 3.0])):
    out, steps = grow(x, scale)
    (grad,) = torch.autograd.grad(out, scale)
    # out = sum(x) * scale**steps, so d out / d scale = steps * scale**(steps - 1) * sum(x)
    expected = steps * 1.5 ** (steps - 1) * x.sum().item()
    print(
        f"x={x.tolist()}: {steps} iterations, out={out.item():.4f}, "
        f"d out/d scale={grad.item():.4f} (by hand {expected:.4f}), "
        f"MulBackward0 nodes in this graph: {count_nodes(out, 'MulBackward0')}"
    )
# --8<-- [end:eager]
