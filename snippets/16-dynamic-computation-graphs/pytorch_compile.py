"""torch.compile on data-dependent control flow: graph breaks, guards and recompiles."""

import operator

import torch
import torch._dynamo

torch.manual_seed(0)


def grow(x, scale):
    """Multiply x by scale until its absolute sum reaches 10: the input decides the loop count."""
    steps = 0
    while x.abs().sum() < 10:  # plain Python `while` on a tensor's value
        x = x * scale
        steps += 1
    return x.sum(), steps


scale = torch.tensor(1.5, requires_grad=True)

# --8<-- [start:compile]
# 1. Data-dependent control flow cannot live inside one graph: Dynamo breaks the graph at
#    the `while` test, lets Python decide, then resumes capture in another graph.
x1, x2 = torch.tensor([1.0, 1.0]), torch.tensor([3.0, 3.0])
explanation = torch._dynamo.explain(grow)(x1, scale)
print(f"explain: {explanation.graph_count} graphs, {explanation.graph_break_count} graph breaks")
for lineno, line in sorted({(r.user_stack[-1].lineno, r.user_stack[-1].line) for r in explanation.break_reasons}):
    print(f"  breaks at line {lineno}: {line}")

# 2. fullgraph=True turns a graph break into an error instead of a silent fallback.
try:
    torch.compile(grow, backend="aot_eager", fullgraph=True)(x1, scale)
except torch._dynamo.exc.Unsupported as err:
    print("fullgraph=True ->", type(err).__name__ + ":", str(err).splitlines()[0])

# 3. With graph breaks, compiled code still gives the eager answers and gradients.
compiled_grow = torch.compile(grow, backend="aot_eager")
for x in (x1, x2):
    out, steps = compiled_grow(x, scale)
    (grad,) = torch.autograd.grad(out, scale)
    print(f"compiled x={x.tolist()}: {steps} iterations, d out/d scale={grad.item():.4f}")


# 4. A loop whose length is a Python int is unrolled into the graph, and a guard on the
#    int picks the graph: a new value of n means a recompile, a seen value reuses a graph.
def repeat(x, scale, n):
    for _ in range(n):
        x = x * scale
    return x.sum()


graph_sizes = []


def counting_backend(graph_module, example_inputs):
    """A torch.compile backend that records each graph it is given and runs it as is."""
    graph_sizes.append(sum(node.target is operator.mul for node in graph_module.graph.nodes))
    return graph_module.forward


compiled_repeat = torch.compile(repeat, backend=counting_backend)
for n in (2, 4, 2, 5):
    compiled_repeat(x1, scale, n)
    print(f"n={n}: graphs compiled so far {len(graph_sizes)}, multiplications in each {graph_sizes}")
# --8<-- [end:compile]
