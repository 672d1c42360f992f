"""Data augmentation with torchvision.transforms.v2 on a tiny made-up image."""

import torch
from torchvision.transforms import v2

torch.manual_seed(0)

# An 8x8 one-channel image of an arrow pointing right (channels first, as torchvision expects).
ARROW = ["........", "....#...", "....##..", "#######.", "########", "#######.", "....##..", "....#..."]
image = torch.tensor([[[1.0 if c == "#" else 0.0 for c in row] for row in ARROW]])


def show(images, titles):
    print("   ".join(f"{t:<8}" for t in titles))
    for r in range(8):
        print("   ".join("".join("#" if v > 0.5 else "." for v in img[0, r].tolist()) for img in images))


# --8<-- [start:augment]
augment = v2.Compose(
    [
        v2.RandomHorizontalFlip(p=0.5),
        v2.RandomAffine(degrees=0, translate=(0.25, 0.25)),  # nearest-neighbour by default
    ]
)
augmented = [augment(image) for _ in range(4)]  # as a Dataset's __getitem__ would, once per sample
show([image, *augmented], ["original", "aug 1", "aug 2", "aug 3", "aug 4"])
# A transform called on a whole batch draws its random parameters once for the batch.
batch = augment(torch.stack([image] * 4))
print("one call on a batch of 4, distinct results:", len({tuple(b.flatten().tolist()) for b in batch}))
# Augmentation belongs to the training Dataset only; the validation Dataset gets no random transforms.
# --8<-- [end:augment]
