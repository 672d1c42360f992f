"""Why weights_only=True is the default: unpickling an untrusted file runs its code."""

import pickle

import torch

torch.manual_seed(0)


def first_lines(err):
    """The stable parts of the error: its first sentence and the line naming the blocked global."""
    text = str(err)
    blocked = next(line.strip() for line in text.splitlines() if "Unsupported global" in line)
    return text.split(". ")[0] + " | " + blocked.split(" was not")[0]


# --8<-- [start:security]
# Why the default changed: unpickling can call any function the file names.
class Payload:
    def __reduce__(self):  # pickle stores "call print(...)" and runs it when loading
        return (print, ("  !! this line was printed by code inside the checkpoint",))


torch.save({"fc.weight": torch.ones(2, 4), "extra": Payload()}, "untrusted.pt")
try:
    torch.load("untrusted.pt")
except pickle.UnpicklingError as err:
    print("weights_only=True  ->", type(err).__name__ + ":", first_lines(err))
print("weights_only=False -> loading runs the file's code:")
torch.load("untrusted.pt", weights_only=False)
# --8<-- [end:security]
