"""DistributedDataParallel on one machine: two CPU processes, gloo backend, started by torchrun.

Run it with `python pytorch_ddp.py`: the launcher part at the bottom starts
`torchrun --nproc-per-node=2 pytorch_ddp.py` on the loopback interface, which runs main() once
per process with RANK, LOCAL_RANK and WORLD_SIZE set. On a GPU machine you call torchrun
yourself and the same script trains on one GPU per process.
"""

import os
import socket
import subprocess
import sys

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset


def make_dataset():
    g = torch.Generator().manual_seed(0)
    x = torch.randn(16, 4, generator=g)
    y = x @ torch.tensor([[1.0], [-2.0], [0.5], [3.0]])
    return TensorDataset(x, y)


def checksum(model):
    return sum(p.detach().sum().item() for p in model.parameters())


def gather(value):
    """Every rank contributes one value; every rank gets the list, in rank order."""
    values = [None] * dist.get_world_size()
    dist.all_gather_object(values, value)
    return values


def report(label, values):
    if dist.get_rank() == 0:  # print once, from rank 0, in rank order
        print(f"{label:<28}", " | ".join(f"rank {r}: {v}" for r, v in enumerate(values)))


# --8<-- [start:setup]
def main():
    rank, local_rank = int(os.environ["RANK"]), int(os.environ["LOCAL_RANK"])
    if torch.cuda.is_available():  # one process per GPU, NCCL between them
        backend, device = "nccl", torch.device("cuda", local_rank)
        torch.cuda.set_device(device)
    else:  # this page's run: CPU processes talking over gloo
        backend, device = "gloo", torch.device("cpu")
    dist.init_process_group(backend)  # reads MASTER_ADDR, MASTER_PORT, RANK, WORLD_SIZE
    try:
        train(rank, device)
        dist.barrier()  # 1. every rank has finished communicating
    finally:
        dist.destroy_process_group()  # 2. join gloo/NCCL threads while Python is still alive


# --8<-- [end:setup]


# --8<-- [start:train]
def train(rank, device):
    dataset = make_dataset()
    sampler = DistributedSampler(dataset, shuffle=True, seed=0)  # a disjoint shard per rank
    loader = DataLoader(dataset, batch_size=4, sampler=sampler)  # batch size per process

    torch.manual_seed(rank)  # deliberately different initial weights on each rank...
    model = nn.Linear(4, 1).to(device)
    report("weights before DDP:", gather(f"{checksum(model):.5f}"))
    device_ids = [device.index] if device.type == "cuda" else None
    model = DDP(model, device_ids=device_ids)  # ...DDP broadcasts rank 0's weights
    report("weights after DDP():", gather(f"{checksum(model):.5f}"))

    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for epoch in range(2):
        sampler.set_epoch(epoch)  # reshuffle differently every epoch
        shards = gather(sorted(sampler))  # the dataset indices this rank will see
        report(f"epoch {epoch} shard:", shards)
        if rank == 0 and epoch == 0:
            print("shards disjoint, cover the data:", sorted(sum(shards, [])) == list(range(len(dataset))))
        for step, (xb, yb) in enumerate(loader):
            optimizer.zero_grad()
            loss = nn.functional.mse_loss(model(xb.to(device)), yb.to(device))
            loss.backward()  # gradients are all-reduced (averaged) across ranks here
            if epoch == 0 and step == 0:
                report("first step, local loss:", gather(f"{loss.item():.4f}"))
                grad = sum(p.grad.sum().item() for p in model.parameters())
                report("first step, gradient sum:", gather(f"{grad:.5f}"))
            optimizer.step()

    final = gather(checksum(model))  # full precision
    report("weights after training:", [f"{v:.5f}" for v in final])
    if rank == 0:
        print("bit-identical on every rank:", len(set(final)) == 1)


# --8<-- [end:train]


# --8<-- [start:launch]
def launch(nproc=2):
    with socket.socket() as s:  # a free port on the loopback interface
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # The same command you would type: torchrun --nproc-per-node=2 pytorch_ddp.py
    command = [
        sys.executable,
        "-m",
        "torch.distributed.run",
        f"--nproc-per-node={nproc}",
        "--master-addr=127.0.0.1",
        f"--master-port={port}",
        __file__,
    ]
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    if "LOCAL_RANK" in os.environ:  # started by torchrun: this is one worker process
        main()
        # Even after destroy_process_group, gloo's threads sometimes aborted a CPU worker during
        # interpreter shutdown (SIGABRT) on a loaded machine: flush, then leave at once.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    else:  # started with `python pytorch_ddp.py`: launch two workers
        sys.exit(launch())
# --8<-- [end:launch]
