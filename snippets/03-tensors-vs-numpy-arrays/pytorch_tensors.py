"""Tensors in PyTorch compared with NumPy arrays."""

import numpy as np
import torch

# --8<-- [start:basics]
array = np.array([[1.0, 2.0], [3.0, 4.0]])  # NumPy defaults to float64
tensor = torch.tensor([[1.0, 2.0], [3.0, 4.0]])  # PyTorch defaults to float32
shared = torch.from_numpy(array)  # zero-copy view of the array, keeps float64

print("numpy dtype:        ", array.dtype)
print("torch.tensor dtype: ", tensor.dtype)
print("from_numpy dtype:   ", shared.dtype)
print("device:             ", tensor.device)

# Same broadcasting rules and many of the same operations.
print("tensor * [10, 100] ->", (tensor * torch.tensor([10.0, 100.0])).tolist())
print("back to NumPy:", type(tensor.numpy()).__name__, np.asarray(tensor).shape)
# --8<-- [end:basics]

# --8<-- [start:differences]
# 1. torch.from_numpy shares memory: writing to the array changes the tensor.
array[0, 0] = 10.0
print("from_numpy sees the write:", shared[0, 0].item())
copied = torch.tensor(array)  # torch.tensor always copies
array[0, 0] = 1.0
print("after array[0, 0] = 1: from_numpy", shared[0, 0].item(), "| torch.tensor copy", copied[0, 0].item())

# 2. Tensors are mutable, and in-place ops end in an underscore.
tensor.add_(1.0)
print("after add_:", tensor.tolist())

# 3. Element-wise ops promote by category (a float beats an int): int64 + float32 -> float32.
#    NumPy promotes to a type that holds both: float64. Layers do not promote at all.
print("int64 + float32 ->", (torch.tensor([1, 2]) + torch.tensor([0.5, 0.5])).dtype, "| NumPy:", (np.array([1, 2]) + np.array([0.5, 0.5], np.float32)).dtype)
try:
    torch.nn.Linear(2, 1)(torch.tensor([[1.0, 2.0]], dtype=torch.float64))
except RuntimeError as err:
    print("nn.Linear(float64 input) ->", type(err).__name__ + ":", str(err).splitlines()[0])

# 4. Autograd: a tensor that requires grad must be detached before .numpy().
x = torch.tensor(3.0, requires_grad=True)
y = x**2
y.backward()
print("dy/dx at x=3:", x.grad.item())
try:
    x.numpy()
except RuntimeError as err:
    print("x.numpy() ->", type(err).__name__ + ":", err)
print("x.detach().numpy() ->", x.detach().numpy())

# 5. The device is part of the tensor; NumPy arrays live in host memory only.
device = "cuda" if torch.cuda.is_available() else "cpu"
on_device = tensor.to(device)
print("moved to:", on_device.device.type, "| back to NumPy needs .cpu() first")
# --8<-- [end:differences]

# --8<-- [start:changed]
# NumPy 2 (NEP 50): a Python float no longer upcasts a float32 scalar to float64.
print("numpy", np.__version__.split(".")[0] + ".x:", "np.float32(3) + 3.0 ->", (np.float32(3) + 3.0).dtype)
print("torch:", "torch.tensor(3.0) + 3.0 ->", (torch.tensor(3.0) + 3.0).dtype)
# --8<-- [end:changed]
