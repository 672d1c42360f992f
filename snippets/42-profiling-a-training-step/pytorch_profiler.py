"""PyTorch: profile a training step with torch.profiler and record_function labels."""

import json
import os
import tempfile
import time

import torch
from torch import nn
from torch.profiler import ProfilerActivity, profile, record_function, schedule
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)


# --8<-- [start:setup]
class SlowDataset(Dataset):
    """Stands in for reading and decoding files: each sample waits 2 ms."""

    def __init__(self, n=512):
        self.x = torch.randn(n, 256)
        self.y = torch.randn(n, 1)

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        time.sleep(0.002)
        return self.x[i], self.y[i]


model = nn.Sequential(nn.Linear(256, 512), nn.ReLU(), nn.Linear(512, 1))
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
loader = DataLoader(SlowDataset(), batch_size=32)


def train_step(batches):
    with record_function("data_loading"):  # a named region: shows up as a row of its own
        x, y = next(batches)
    with record_function("forward"):
        loss = nn.functional.mse_loss(model(x), y)
    with record_function("backward"):
        optimizer.zero_grad()
        loss.backward()
    with record_function("optimizer_step"):
        optimizer.step()
# --8<-- [end:setup]


# --8<-- [start:profile]
batches = iter(loader)
train_step(batches)  # warm-up step outside the profile
with profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:
    for _ in range(5):
        train_step(batches)

averages = prof.key_averages()
rows = {row.key: row for row in averages}
labels = ["data_loading", "forward", "backward", "optimizer_step"]
print("our labels in the profile:", [label for label in labels if label in rows])
print("ops recorded include:", [op for op in ["aten::addmm", "aten::mse_loss", "aten::relu"] if op in rows])
print("data_loading calls:", rows["data_loading"].count)
for label in labels:  # total CPU time inside each region, over 5 steps
    print(f"  {label:15s} {rows[label].cpu_time_total / 1e3:7.1f} ms [sample]")
slowest = max(labels, key=lambda label: rows[label].cpu_time_total)
print("region that dominates:", slowest)
table = averages.table(sort_by="cpu_time_total", row_limit=8)  # the usual human-readable view
print("table columns:", [c.strip() for c in table.splitlines()[1].split("  ") if c.strip()][:5])
# --8<-- [end:profile]

# --8<-- [start:trace]
# A schedule profiles only some steps; on_trace_ready receives each finished window.
windows = []
with tempfile.TemporaryDirectory() as tmp:

    def save_trace(p):
        path = os.path.join(tmp, f"trace_{p.step_num}.json")
        p.export_chrome_trace(path)  # open in https://ui.perfetto.dev or chrome://tracing
        windows.append(path)

    batches = iter(loader)
    with profile(
        activities=[ProfilerActivity.CPU],
        schedule=schedule(wait=1, warmup=1, active=2),  # skip 1 step, warm up 1, record 2
        on_trace_ready=save_trace,
    ) as prof:
        for _ in range(4):
            train_step(batches)
            prof.step()  # tell the profiler a step ended
    with open(windows[0]) as f:
        events = json.load(f)["traceEvents"]
    print("trace files written:", [os.path.basename(p) for p in windows])
    names = {e.get("name") for e in events}
    print("trace has our regions:", all(label in names for label in labels))
    print("ProfilerStep markers:", sorted(n for n in names if str(n).startswith("ProfilerStep")))
# --8<-- [end:trace]
