"""DataLoader workers: parallel loading, IterableDataset sharding, random numbers in workers."""

import time

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, IterableDataset, get_worker_info

torch.manual_seed(0)


# --8<-- [start:workers]
class SlowNumbers(Dataset):
    """Stands in for reading and decoding files: each sample waits 100 ms."""

    def __len__(self):
        return 32

    def __getitem__(self, index):
        time.sleep(0.1)
        return index


def which_worker(batch):  # a collate_fn runs inside the worker that built the batch
    return get_worker_info().id, batch


def show_workers():
    two = DataLoader(SlowNumbers(), batch_size=8, num_workers=2, collate_fn=which_worker)
    print("num_workers=2 (worker, first index):", [(w, b[0]) for w, b in two])  # round-robin, in order
    start = time.perf_counter()
    list(DataLoader(SlowNumbers(), batch_size=8))
    print(f"num_workers=0: one epoch in {time.perf_counter() - start:.2f} s [sample]")
    loader = DataLoader(SlowNumbers(), batch_size=8, num_workers=2, persistent_workers=True)
    for epoch in (1, 2):  # epoch 1 pays for starting the workers; persistent workers are reused
        start = time.perf_counter()
        list(loader)
        print(f"num_workers=2, epoch {epoch}: {time.perf_counter() - start:.2f} s [sample]")


# --8<-- [end:workers]


# --8<-- [start:iterable]
class Stream(IterableDataset):
    """An iterable-style dataset: __iter__ yields samples (lines of a file, a socket, a generator)."""

    def __init__(self, start, end, shard):
        self.start, self.end, self.shard = start, end, shard

    def __iter__(self):
        info = get_worker_info()  # None in the main process; in a worker: id, num_workers, seed
        if not self.shard or info is None:
            return iter(range(self.start, self.end))
        # Every worker holds a copy of this object: give each one a disjoint slice.
        return iter(range(self.start + info.id, self.end, info.num_workers))


def show_sharding():
    naive = DataLoader(Stream(0, 6, shard=False), batch_size=None, num_workers=2)
    print("IterableDataset, no sharding:", sorted(int(x) for x in naive))  # each worker yields all
    sharded = DataLoader(Stream(0, 6, shard=True), batch_size=None, num_workers=2)
    print("IterableDataset, sharded with get_worker_info:", sorted(int(x) for x in sharded))
    try:  # no indices, so no sampler: shuffle inside __iter__ (or with a buffer) instead
        DataLoader(Stream(0, 6, shard=True), shuffle=True)
    except ValueError as err:
        print("shuffle=True ->", type(err).__name__ + ":", str(err).splitlines()[0])


# --8<-- [end:iterable]


# --8<-- [start:rng]
class NoisyItems(Dataset):
    """Random 'augmentation', from NumPy's global RNG or from a Generator made in the main process."""

    def __init__(self, use_generator):
        self.rng = np.random.default_rng(0) if use_generator else None

    def __len__(self):
        return 4

    def __getitem__(self, index):
        return int(self.rng.integers(1000)) if self.rng else int(np.random.randint(1000))


def reseed_worker(worker_id):
    info = get_worker_info()
    info.dataset.rng = np.random.default_rng(info.seed)  # info.seed differs per worker and per epoch


def show_rng():
    def draws(loader):  # items 0, 2 come from worker 0; items 1, 3 from worker 1
        return [int(x) for x in loader]

    print("np.random (seeded per worker):", draws(DataLoader(NoisyItems(False), batch_size=None, num_workers=2)))
    print("Generator copied into workers:", draws(DataLoader(NoisyItems(True), batch_size=None, num_workers=2)))
    fixed = DataLoader(NoisyItems(True), batch_size=None, num_workers=2, worker_init_fn=reseed_worker)
    print("Generator reseeded per worker:", draws(fixed))


# --8<-- [end:rng]


if __name__ == "__main__":  # required where workers are spawned (macOS, Windows)
    show_workers()
    show_sharding()
    show_rng()
