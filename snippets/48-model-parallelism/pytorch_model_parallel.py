"""Model parallelism in PyTorch on two CPU processes: DTensor, tensor parallelism, FSDP2, pipelining.

Run it with `python pytorch_model_parallel.py`: the launcher at the bottom starts
`torchrun --nproc-per-node=2 pytorch_model_parallel.py` on 127.0.0.1, which runs main() once
per process. On GPUs the same code runs with the nccl backend and a "cuda" device mesh.
"""

import copy
import os
import socket
import subprocess
import sys

import torch
import torch.distributed as dist
from torch import nn
from torch.distributed.fsdp import fully_shard
from torch.distributed.pipelining import PipelineStage, ScheduleGPipe
from torch.distributed.tensor import Replicate, Shard, distribute_tensor, init_device_mesh
from torch.distributed.tensor.parallel import ColwiseParallel, RowwiseParallel, parallelize_module


def gather(value):
    """Every rank contributes one value; every rank gets the list, in rank order."""
    values = [None] * dist.get_world_size()
    dist.all_gather_object(values, value)
    return values


def report(label, value):
    values = gather(value)  # a collective: every rank must call it
    if dist.get_rank() == 0:  # print once, from rank 0, in rank order
        print(f"{label:<30}", " | ".join(f"rank {r}: {v}" for r, v in enumerate(values)))


def say(*args):
    if dist.get_rank() == 0:
        print(*args)


def shape(t):
    return tuple(t.shape)


# --8<-- [start:dtensor]
def dtensor_demo(mesh):
    torch.manual_seed(0)  # same seed on every rank: the full tensors agree before sharding
    x = torch.randn(4, 8)
    w = torch.randn(8, 6)
    expected = x @ w  # the unsharded matmul, for comparison

    for placement in (Shard(0), Shard(1), Replicate()):
        w_d = distribute_tensor(w, mesh, [placement])  # each rank keeps only its piece
        report(f"w {shape(w)} as {placement!r}:", shape(w_d.to_local()))

    # Column-parallel: shard w's output columns, replicate x. No communication in the matmul.
    x_rep = distribute_tensor(x, mesh, [Replicate()])
    y_col = x_rep @ distribute_tensor(w, mesh, [Shard(1)])
    report("x @ w(Shard(1)) local result:", shape(y_col.to_local()))
    say("  placement:", y_col.placements, "| equals x @ w:", torch.allclose(y_col.full_tensor(), expected, atol=1e-6))

    # Row-parallel: shard the contracted dimension; each rank holds a partial sum.
    y_row = distribute_tensor(x, mesh, [Shard(1)]) @ distribute_tensor(w, mesh, [Shard(0)])
    say("x(Shard(1)) @ w(Shard(0)) placement:", y_row.placements)
    y_row = y_row.redistribute(mesh, [Replicate()])  # the all-reduce happens here
    say("  after redistribute:", y_row.placements, "| equals x @ w:", torch.allclose(y_row.to_local(), expected, atol=1e-6))


# --8<-- [end:dtensor]


class MLP(nn.Module):
    def __init__(self, d=8, hidden=32):
        super().__init__()
        self.up = nn.Linear(d, hidden)
        self.down = nn.Linear(hidden, d)

    def forward(self, x):
        return self.down(torch.relu(self.up(x)))


# --8<-- [start:tensor_parallel]
def tensor_parallel_demo(mesh):
    torch.manual_seed(0)
    reference = MLP()
    model = parallelize_module(
        copy.deepcopy(reference),
        mesh,
        {"up": ColwiseParallel(), "down": RowwiseParallel()},  # Megatron-style pair: one all-reduce
    )
    report(f"TP up.weight {shape(reference.up.weight)}, local:", shape(model.up.weight.to_local()))
    report(f"TP down.weight {shape(reference.down.weight)}, local:", shape(model.down.weight.to_local()))
    x = torch.randn(3, 8)  # same input on every rank (same seed)
    say("TP output equals unsharded model:", torch.allclose(model(x), reference(x), atol=1e-6))


# --8<-- [end:tensor_parallel]


# --8<-- [start:fsdp]
def fsdp_demo(mesh):
    torch.manual_seed(0)
    reference = MLP()
    model = copy.deepcopy(reference)
    fully_shard(model.up, mesh=mesh)  # one FSDP unit per block...
    fully_shard(model.down, mesh=mesh)
    fully_shard(model, mesh=mesh)  # ...then the root
    report("FSDP2 up.weight local shape:", shape(model.up.weight.to_local()))
    n_local = sum(p.to_local().numel() for p in model.parameters())
    report("FSDP2 parameters held:", f"{n_local} of {sum(p.numel() for p in reference.parameters())}")

    # One training step on each rank's own batch; the reference sees the whole global batch.
    torch.manual_seed(1)
    x, y = torch.randn(4, 8), torch.randn(4, 8)
    mine = slice(2 * dist.get_rank(), 2 * dist.get_rank() + 2)
    for net, xb, yb in ((model, x[mine], y[mine]), (reference, x, y)):
        opt = torch.optim.Adam(net.parameters(), lr=0.1)
        nn.functional.mse_loss(net(xb), yb).backward()  # FSDP reduce-scatters the gradients
        opt.step()  # Adam states exist only for the local shard
    full = model.up.weight.full_tensor()  # all-gather, only to compare
    say("after one Adam step, weights equal the unsharded model:", torch.allclose(full, reference.up.weight, atol=1e-6))


# --8<-- [end:fsdp]


# --8<-- [start:pipeline]
def pipeline_demo(rank, world_size, device):
    torch.manual_seed(0)
    full = nn.Sequential(MLP(), MLP())  # two blocks: block i lives on rank i
    x = torch.randn(8, 8)
    stage = PipelineStage(copy.deepcopy(full[rank]), stage_index=rank, num_stages=world_size, device=device)
    schedule = ScheduleGPipe(stage, n_microbatches=4)  # 4 micro-batches of 2 rows stream through
    out = schedule.step(x) if rank == 0 else schedule.step()  # first stage feeds, last stage returns
    if rank == world_size - 1:
        result = f"{shape(out)}, equals unsharded model: {torch.allclose(out, full(x), atol=1e-6)}"
    else:
        result = "sent activations to the next stage"
    report("pipeline output:", result)


# --8<-- [end:pipeline]


# --8<-- [start:memory]
def memory_per_gpu(n_params=7e9, n_gpus=8, gpu_gb=80):
    fp32 = torch.tensor([], dtype=torch.float32).element_size()  # 4 bytes
    bf16 = torch.tensor([], dtype=torch.bfloat16).element_size()  # 2 bytes
    recipes = {  # bytes per parameter: weights, gradients, Adam (exp_avg, exp_avg_sq) in fp32
        "fp32 training": (fp32, fp32, 2 * fp32),
        "bf16 + fp32 master copy": (bf16 + fp32, bf16, 2 * fp32),
    }
    for name, (weights, grads, adam) in recipes.items():
        per_param = weights + grads + adam
        total = n_params * per_param / 1e9
        print(
            f"7B, {name}: {weights}+{grads}+{adam} = {per_param} bytes/param | "
            f"DDP {total:.0f} GB per GPU | FSDP over {n_gpus} GPUs {total / n_gpus:.0f} GB per GPU"
        )
    print(f"fits in one {gpu_gb} GB GPU (before activations): DDP {total <= gpu_gb}, FSDP {total / n_gpus <= gpu_gb}")


# --8<-- [end:memory]


# --8<-- [start:setup]
def main():
    rank, world_size = int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"])
    if torch.cuda.is_available():  # one process per GPU, NCCL over NVLink / InfiniBand
        backend, device_type = "nccl", "cuda"
        device = torch.device("cuda", int(os.environ["LOCAL_RANK"]))
        torch.cuda.set_device(device)
    else:  # this page's run: CPU processes talking over gloo
        backend, device_type = "gloo", "cpu"
        device = torch.device("cpu")
    torch.set_default_device(device)  # tensors and modules are created on this process's device
    dist.init_process_group(backend)
    try:
        mesh = init_device_mesh(device_type, (world_size,), mesh_dim_names=("model",))
        dtensor_demo(mesh)
        tensor_parallel_demo(mesh)
        fsdp_demo(mesh)
        pipeline_demo(rank, world_size, device)
        dist.barrier()  # every rank has finished communicating...
    finally:
        dist.destroy_process_group()  # ...before the backend's threads are torn down


# --8<-- [end:setup]


def launch(nproc=2):
    with socket.socket() as s:  # a free port on the loopback interface
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "torch.distributed.run", f"--nproc-per-node={nproc}",
               "--master-addr=127.0.0.1", f"--master-port={port}", __file__]
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    if "LOCAL_RANK" in os.environ:  # started by torchrun: one worker process
        main()
        # As on question 22's page: gloo's threads can still abort a CPU worker during
        # interpreter shutdown, so flush and leave at once once the group is destroyed.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    else:  # started with `python pytorch_model_parallel.py`
        memory_per_gpu()
        sys.stdout.flush()  # before the workers write to the same stdout
        sys.exit(launch())
