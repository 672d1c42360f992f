"""PyTorch's counterpart of MirroredStrategy: DistributedDataParallel, two CPU processes (gloo).

MirroredStrategy runs one process with a replica per device; DDP runs one process per
device. Question 22 covers DDP in depth; this is the same training run as the TensorFlow tab.
"""

import os
import socket

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

WORLD_SIZE = 2
PER_REPLICA_BATCH = 8
GLOBAL_BATCH = PER_REPLICA_BATCH * WORLD_SIZE


def make_dataset():
    g = torch.Generator().manual_seed(0)
    x = torch.randn(64, 4, generator=g)
    y = x @ torch.tensor([[1.0], [-2.0], [0.5], [3.0]])
    return TensorDataset(x, y)


def build_model():
    torch.manual_seed(0)
    return nn.Linear(4, 1)


def train(model, loader, epochs=5):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(epochs):
        total = 0.0
        for xb, yb in loader:
            optimizer.zero_grad()
            loss = nn.functional.mse_loss(model(xb), yb)
            loss.backward()  # DDP all-reduces (averages) the gradients here
            optimizer.step()
            total += loss.item()
    return total / len(loader)  # mean loss of the last epoch


# --8<-- [start:ddp]
def worker(rank, port):
    os.environ["MASTER_ADDR"], os.environ["MASTER_PORT"] = "127.0.0.1", str(port)
    dist.init_process_group("gloo", rank=rank, world_size=WORLD_SIZE)  # "nccl" on GPUs
    try:
        dataset = make_dataset()
        sampler = DistributedSampler(dataset, shuffle=False)  # each rank gets its own shard
        loader = DataLoader(dataset, batch_size=PER_REPLICA_BATCH, sampler=sampler)
        rows = [None] * WORLD_SIZE
        dist.all_gather_object(rows, len(next(iter(loader))[0]))

        model = DDP(build_model())  # on GPU: DDP(model.to(rank), device_ids=[rank])
        loss = torch.tensor(train(model, loader))
        dist.all_reduce(loss)  # sum of the ranks' losses, for reporting only

        if rank == 0:
            print("processes (replicas):", dist.get_world_size())
            print("global batch:", GLOBAL_BATCH, "| rows per rank:", rows)
            print("final loss (2 processes):", round(loss.item() / WORLD_SIZE, 4))
            single = build_model()
            single_loss = train(single, DataLoader(dataset, batch_size=GLOBAL_BATCH))
            print("final loss (1 process):  ", round(single_loss, 4))
            diff = max((a - b).abs().max().item() for a, b in zip(model.module.parameters(), single.parameters()))
            print(f"max |weight difference|: {diff:.6f}")
        dist.barrier()  # nobody tears down while another rank still communicates
    finally:
        dist.destroy_process_group()  # join gloo's threads before the interpreter exits


if __name__ == "__main__":
    with socket.socket() as s:  # ask the OS for a free port on the loopback interface
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    mp.spawn(worker, args=(port,), nprocs=WORLD_SIZE)
# --8<-- [end:ddp]
