"""PyTorch: split a training step into data time and compute time; fix an input-bound loop."""

import time

import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset, TensorDataset

torch.manual_seed(0)


# --8<-- [start:split]
class SlowDataset(Dataset):
    """Each sample costs 2 ms of 'reading and decoding' (a sleep, so it needs no CPU)."""

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        time.sleep(0.002)
        return self.x[i], self.y[i]


x_all, y_all = torch.randn(768, 1024), torch.randn(768, 1)
model = nn.Sequential(nn.Linear(1024, 2048), nn.ReLU(), nn.Linear(2048, 2048), nn.ReLU(), nn.Linear(2048, 1))
optimizer = torch.optim.SGD(model.parameters(), lr=1e-3)


def measure(loader, steps=12, warmup=2):
    """Wall-clock split of each step: waiting for the batch vs forward + backward + update."""
    data_time = compute_time = 0.0
    batches = iter(loader)
    for step in range(steps):
        t0 = time.perf_counter()
        x, y = next(batches)  # data time: how long the loop waits for the next batch
        t1 = time.perf_counter()
        loss = nn.functional.mse_loss(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        # On a GPU, call torch.cuda.synchronize() here: kernels run asynchronously.
        t2 = time.perf_counter()
        if step >= warmup:  # the first batches include starting workers
            data_time += t1 - t0
            compute_time += t2 - t1
    return data_time / (data_time + compute_time), data_time, compute_time
# --8<-- [end:split]


# --8<-- [start:fix]
def report(name, loader):
    share, data_time, compute_time = measure(loader)
    print(f"{name}: data {data_time * 100:.0f} ms, compute {compute_time * 100:.0f} ms per step,"
          f" data share {share:.0%} [sample]")
    print(f"{name}: input-bound: {share > 0.5}")
    return share


def main():
    slow = SlowDataset(x_all, y_all)
    shares = {}
    shares["slow"] = report("num_workers=0", DataLoader(slow, batch_size=64))
    # Fix 1: worker processes read batches in parallel and prefetch ahead of the training loop.
    workers = DataLoader(slow, batch_size=64, num_workers=8, prefetch_factor=2, persistent_workers=True)
    shares["workers"] = report("num_workers=8", workers)
    # Fix 2: cache what was decoded once (here: all of it fits in memory) and read from RAM.
    decoded = [slow[i] for i in range(len(slow))]  # pay the 2 ms per sample once
    cached = TensorDataset(torch.stack([x for x, _ in decoded]), torch.stack([y for _, y in decoded]))
    shares["cached"] = report("cached in memory", DataLoader(cached, batch_size=64))
    print("workers lowered the data share:", shares["workers"] < shares["slow"] / 2)
    print("caching lowered the data share:", shares["cached"] < shares["slow"] / 2)
# --8<-- [end:fix]


if __name__ == "__main__":  # required where workers are spawned (macOS, Windows)
    main()
