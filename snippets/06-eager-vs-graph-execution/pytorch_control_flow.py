"""Graph breaks in torch.compile: a data-dependent .item() and a print."""

import torch

torch.manual_seed(0)


# --8<-- [start:breaks]
def normalise(x):
    y = torch.sin(x) * 2
    peak = y.abs().max().item()  # tensor -> Python float: Dynamo cannot keep tracing
    if peak > 1.0:  # a Python branch on a value that exists only at run time
        y = y / peak
    return torch.cos(y) + 1


explanation = torch._dynamo.explain(normalise)(torch.randn(8))
print("graphs:", explanation.graph_count, "| graph breaks:", explanation.graph_break_count)
for br in explanation.break_reasons:
    print("  reason:", str(br.reason).splitlines()[0])


def normalise_fixed(x):  # stay in tensor land: the branch becomes torch.where
    y = torch.sin(x) * 2
    peak = y.abs().max()
    y = torch.where(peak > 1.0, y / peak, y)
    return torch.cos(y) + 1


explanation = torch._dynamo.explain(normalise_fixed)(torch.randn(8))
print("fixed: graphs:", explanation.graph_count, "| graph breaks:", explanation.graph_break_count)
x = torch.randn(8)
print("same result:", torch.allclose(normalise(x), normalise_fixed(x)))


# torch.where evaluates both sides. A real branch in a graph, like tf.cond: torch.cond.
def normalise_cond(x):
    y = torch.sin(x) * 2
    peak = y.abs().max()
    y = torch.cond(peak > 1.0, lambda t: t / t.abs().max(), lambda t: t.clone(), (y,))
    return torch.cos(y) + 1


explanation = torch._dynamo.explain(normalise_cond)(x)
print("torch.cond: graphs:", explanation.graph_count, "| graph breaks:", explanation.graph_break_count, "| same result:", torch.allclose(normalise(x), normalise_cond(x)))


# fullgraph=True turns a graph break into an error instead of a silent slowdown.
def logged(x):
    print("  logging from Python")  # a side effect Dynamo will not put in a graph
    return x * 2


try:
    torch.compile(logged, fullgraph=True)(x)
except torch._dynamo.exc.Unsupported as err:
    print("fullgraph=True ->", type(err).__name__ + ":", str(err).splitlines()[0])
# --8<-- [end:breaks]
