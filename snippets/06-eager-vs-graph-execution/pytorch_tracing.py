"""Eager execution, torch.compile graph capture and recompilation in PyTorch."""

import torch

# --8<-- [start:eager]
# PyTorch runs eagerly: each operation executes now and returns a concrete value.
x = torch.tensor([1.0, 2.0, 3.0])
y = x * 2 + 1
print("eager result:", y.tolist(), "|", type(y).__name__)

# torch.compile: Dynamo captures the function's tensor ops into an FX graph and hands it to a
# backend. This backend just records the graphs it receives and runs them as they are.
graphs = []


def recording_backend(gm, example_inputs):
    graphs.append([node.target.__name__ for node in gm.graph.nodes if node.op == "call_function"])
    return gm.forward


def affine(x):
    print("  running affine's Python")  # unlike tf.function, this runs on every call
    return x * 2 + 1


compiled = torch.compile(affine, backend=recording_backend)
print("first call:")
print(" ", compiled(x).tolist())
print("second call, same shape and dtype:")
print(" ", compiled(x).tolist())
print("graphs captured:", graphs)
# --8<-- [end:eager]


# --8<-- [start:retrace]
def scale(x, factor):
    return x * factor


graphs.clear()
torch._dynamo.reset()
compiled_scale = torch.compile(scale, backend=recording_backend)  # dynamic=None, the default
calls = [
    ("ones(2), 2.0", torch.ones(2), 2.0),  # compiled for shape (2,) and factor 2.0
    ("ones(2), 2.0 again", torch.ones(2), 2.0),  # guards pass: reuses the graph
    ("ones(3), 2.0", torch.ones(3), 2.0),  # new shape: recompile, with a symbolic length
    ("ones(4), 2.0", torch.ones(4), 2.0),  # the dynamic graph covers it
    ("ones(4, float64), 2.0", torch.ones(4, dtype=torch.float64), 2.0),  # new dtype: recompile
    ("ones(4), 3.0", torch.ones(4), 3.0),  # new float: recompile, the float becomes an input
    ("ones(4), 4.0", torch.ones(4), 4.0),  # ... so other values reuse it
    ("ones(4), tensor 4.0", torch.ones(4), torch.tensor(4.0)),  # a tensor: recompile once
    ("ones(4), tensor 5.0", torch.ones(4), torch.tensor(5.0)),
]
for label, x_in, factor in calls:
    compiled_scale(x_in, factor)
    print(f"  {label:<24} compiles so far: {len(graphs)}")

# Fix: mark the dimension dynamic up front, so the first compile covers every length.
graphs.clear()
torch._dynamo.reset()
compiled_scale = torch.compile(scale, backend=recording_backend, dynamic=True)
for n in (2, 3, 4):
    compiled_scale(torch.ones(n), torch.tensor(2.0))
print("dynamic=True compiles:", len(graphs))
# --8<-- [end:retrace]
