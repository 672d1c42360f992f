"""torchvision: transforms v2 on images and boxes, models built from code, a dataset in a DataLoader."""

import warnings

import torch
from torch.utils.data import DataLoader
from torchvision import datasets, models, tv_tensors
from torchvision.models import ResNet18_Weights, resnet18
from torchvision.transforms import v2

torch.manual_seed(0)

# --8<-- [start:transforms]
image = tv_tensors.Image(torch.randint(0, 256, (3, 64, 96), dtype=torch.uint8))  # C, H, W
boxes = tv_tensors.BoundingBoxes([[10, 20, 40, 50]], format="XYXY", canvas_size=(64, 96))

pipeline = v2.Compose(
    [
        v2.RandomHorizontalFlip(p=1.0),  # p=1.0 so that this demo always flips
        v2.Resize((32, 48)),  # half size
        v2.ToDtype(torch.float32, scale=True),  # uint8 [0, 255] -> float [0, 1]
        v2.Normalize(mean=[0.5, 0.5, 0.5], std=[0.5, 0.5, 0.5]),
    ]
)
out_image, out_boxes = pipeline(image, boxes)  # one call transforms the image and its boxes together
print("image:", tuple(image.shape), image.dtype, "->", tuple(out_image.shape), out_image.dtype)
print("box:", boxes.tolist(), "-> flipped and halved:", out_boxes.tolist(), type(out_boxes).__name__)
print("plain tensor works too:", tuple(pipeline(torch.rand(3, 64, 96)).shape))
sample = pipeline({"image": image, "boxes": boxes, "label": 3})  # any structure; non-images pass through
print("dict in, dict out:", sorted(sample), "label", sample["label"])
# --8<-- [end:transforms]

# --8<-- [start:models]
model = resnet18(weights=None, num_classes=10)  # architecture only, random weights, no download
print("resnet18(weights=None, num_classes=10):", f"{sum(p.numel() for p in model.parameters()):,} parameters")
print("output:", tuple(model(torch.rand(2, 3, 64, 64)).shape))

# Real use downloads ImageNet weights (not run here: the snippets are offline):
#   model = resnet18(weights=ResNet18_Weights.DEFAULT)
#   preprocess = ResNet18_Weights.DEFAULT.transforms()
# The weights enum carries metadata and the matching preprocessing without downloading anything.
weights = ResNet18_Weights.DEFAULT
print(weights, "|", weights.meta["num_params"], "params |", weights.meta["_file_size"], "MB |", end=" ")
top1 = weights.meta["_metrics"]["ImageNet-1K"]["acc@1"]
print("ImageNet top-1", top1, "|", len(weights.meta["categories"]), "classes")
print("preset preprocessing:", " ".join(str(weights.transforms()).split()))
print("models in torchvision.models:", len(models.list_models()))
# --8<-- [end:models]

# --8<-- [start:data]
# FakeData: random images with labels, the same interface as CIFAR10(root, download=True, ...).
fake = datasets.FakeData(
    size=8,
    image_size=(3, 32, 32),
    num_classes=10,
    transform=v2.Compose([v2.ToImage(), v2.ToDtype(torch.float32, scale=True)]),
)
pil_image, label = datasets.FakeData(size=8, image_size=(3, 32, 32), num_classes=10)[0]
print("FakeData sample without transform:", type(pil_image).__module__, pil_image.size, "label", label)
for images, labels in DataLoader(fake, batch_size=4):
    print("batch:", tuple(images.shape), images.dtype, "labels", labels.tolist())
# --8<-- [end:data]

# --8<-- [start:changed]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    resnet18(pretrained=False)  # the pre-0.13 API: still accepted, with a warning
print("pretrained=False ->", caught[0].category.__name__ + ":", str(caught[0].message).split(", please")[0])
try:
    resnet18(weights=ResNet18_Weights.DEFAULT, num_classes=10)  # checked before any download
except ValueError as err:
    print("pretrained weights + num_classes=10 ->", type(err).__name__ + ":", err)
try:
    from torchvision.io import read_video  # noqa: F401  (video decoding moved to TorchCodec)
except ImportError as err:
    print("torchvision.io.read_video ->", type(err).__name__ + ":", str(err).split(" (")[0])
# --8<-- [end:changed]
