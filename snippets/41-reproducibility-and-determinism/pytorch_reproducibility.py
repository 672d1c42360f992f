"""Reproducibility in PyTorch: seeds, deterministic algorithms, DataLoader worker seeds, and why CPUs differ."""

import os

# On CUDA, deterministic matrix multiplies need this set before the first cuBLAS call (ignored on CPU).
os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")

import random  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402
from torch.utils.data import DataLoader, Dataset  # noqa: E402

device = "cuda" if torch.cuda.is_available() else "cpu"


# --8<-- [start:seed]
def seed_everything(seed):
    random.seed(seed)  # Python's random module
    np.random.seed(seed)  # NumPy's global generator (not np.random.default_rng objects)
    torch.manual_seed(seed)  # PyTorch's CPU generator and every CUDA device's generator


def draw():
    return random.random(), np.random.rand(), torch.rand(1).item()


seed_everything(0)
first = draw()
seed_everything(0)
print("same seed, same numbers:", draw() == first)
print("without reseeding:      ", draw() == first)

# A local generator is independent of the global one (and of how many numbers others drew).
g = torch.Generator().manual_seed(42)
print("local generator:", torch.randint(100, (5,), generator=g).tolist())


def train(seed):
    """Seed, build, train: everything random happens after the seed, in the same order."""
    seed_everything(seed)
    x = torch.randn(256, 8)
    y = (x[:, :1] - 2 * x[:, 1:2]).tanh()
    model = nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Dropout(0.1), nn.Linear(32, 1)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    x, y = x.to(device), y.to(device)
    for _ in range(100):
        idx = torch.randint(0, 256, (32,))  # random batches, drawn from the seeded generator
        loss = nn.functional.mse_loss(model(x[idx]), y[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model, loss.item()


model_a, loss_a = train(seed=0)
model_b, loss_b = train(seed=0)
same = all(torch.equal(p, q) for p, q in zip(model_a.parameters(), model_b.parameters()))
print("two training runs, seed 0: weights bit-identical:", same, "| losses equal:", loss_a == loss_b)
print(f"final loss {loss_a:.4f}")  # ±3% on other CPUs
_, loss_c = train(seed=1)
print("seed 1 gives another run:", loss_c != loss_a)
# --8<-- [end:seed]

# --8<-- [start:deterministic]
print("cudnn.deterministic:", torch.backends.cudnn.deterministic, "| cudnn.benchmark:", torch.backends.cudnn.benchmark)
torch.use_deterministic_algorithms(True)  # raise on ops that have no deterministic implementation
print("deterministic algorithms:", torch.are_deterministic_algorithms_enabled())
target = torch.zeros(4, device=device)
index = torch.tensor([0, 0], device=device)  # two writes to the same element: which one wins?
try:
    target.put_(index, torch.tensor([1.0, 2.0], device=device))
except RuntimeError as err:
    print("RuntimeError:", str(err).split(", but")[0])
target.put_(index, torch.tensor([1.0, 2.0], device=device), accumulate=True)  # sums: order-independent here
print("put_(accumulate=True):", target.tolist())
# With the flag on, torch.empty fills new memory with NaN, so reading it uninitialised shows up:
print("torch.empty(3):", torch.empty(3, device=device).tolist())
torch.use_deterministic_algorithms(False)
# --8<-- [end:deterministic]


# --8<-- [start:workers]
class Augmented(Dataset):
    """Each item adds random 'augmentation' noise from a NumPy Generator object."""

    def __init__(self):
        self.rng = np.random.default_rng(0)  # created in the main process, copied into each worker

    def __len__(self):
        return 4

    def __getitem__(self, i):
        return i, int(self.rng.integers(1000))


def reseed_worker(worker_id):
    # torch.initial_seed() is base_seed + worker_id: different per worker, fixed by the loader's generator.
    seed = torch.initial_seed() % 2**32
    info = torch.utils.data.get_worker_info()
    info.dataset.rng = np.random.default_rng(seed)
    random.seed(seed)


def load(**kwargs):
    loader = DataLoader(Augmented(), batch_size=1, num_workers=2, **kwargs)
    return [(i.item(), noise.item()) for i, noise in loader]  # (item, noise); worker 0 loads 0 and 2


print("copied Generator: ", load())
print("worker_init_fn:   ", load(worker_init_fn=reseed_worker, generator=torch.Generator().manual_seed(0)))
print("again, same seed: ", load(worker_init_fn=reseed_worker, generator=torch.Generator().manual_seed(0)))
# shuffle=True draws the order from generator= too:
order = [load(shuffle=True, worker_init_fn=reseed_worker, generator=torch.Generator().manual_seed(0)) for _ in range(2)]
print("shuffled twice with generator=:", order[0] == order[1], [i for i, _ in order[0]])
# --8<-- [end:workers]

# --8<-- [start:cpus]
# Float addition is not associative: the order of a sum changes its last bits.
print("(0.1 + 0.2) + 0.3 == 0.1 + (0.2 + 0.3):", (0.1 + 0.2) + 0.3 == 0.1 + (0.2 + 0.3))
values = torch.rand(4096, generator=torch.Generator().manual_seed(0))


def lane_sum(x, lanes):
    """Sum as a SIMD kernel does: `lanes` running sums (8 floats in an AVX2 register, 16 in
    AVX-512), added together at the end. Every add is a float32 add, exact on any CPU."""
    acc = torch.zeros(lanes)
    for chunk in x.view(-1, lanes):
        acc += chunk
    total = torch.zeros(())
    for v in acc:
        total += v
    return total.item()


for lanes in (1, 8, 16):
    print(f"sum of 4096 float32 values with {lanes:2d} lanes: {lane_sum(values, lanes):.9g}")
print(f"torch.sum on this CPU:                 {values.sum().item():.9g}")  # ±0.002 on other CPUs
# --8<-- [end:cpus]
