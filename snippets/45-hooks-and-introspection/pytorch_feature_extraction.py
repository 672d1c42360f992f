"""PyTorch introspection: torchvision's feature extractor, named modules, parameter counts."""

import torch
import torchvision
from torch import nn
from torchvision.models.feature_extraction import create_feature_extractor, get_graph_node_names

torch.manual_seed(0)

# --8<-- [start:features]
# weights=None builds the architecture with random weights: nothing is downloaded.
# (Real use: torchvision.models.resnet18(weights=torchvision.models.ResNet18_Weights.DEFAULT).)
resnet = torchvision.models.resnet18(weights=None).eval()
train_nodes, eval_nodes = get_graph_node_names(resnet)  # every node torch.fx traced
print("graph nodes:", len(eval_nodes), "| first:", eval_nodes[:4], "| last:", eval_nodes[-3:])

extractor = create_feature_extractor(resnet, return_nodes={"layer1": "c2", "layer2": "c3", "layer4": "c5", "avgpool": "pooled"})
with torch.no_grad():
    features = extractor(torch.randn(2, 3, 64, 64))
for name, value in features.items():
    print(f"  {name}: {tuple(value.shape)}")
print("the extractor is a torch.fx.GraphModule:", isinstance(extractor, torch.fx.GraphModule))
# --8<-- [end:features]

# --8<-- [start:count]
total = sum(p.numel() for p in resnet.parameters())
resnet.requires_grad_(False)
resnet.fc.requires_grad_(True)  # freeze all but the head
trainable = sum(p.numel() for p in resnet.parameters() if p.requires_grad)
print(f"resnet18 parameters: {total:,} | trainable after freezing the backbone: {trainable:,}")
print("named_modules:", len(list(resnet.named_modules())), "| first few:", [name for name, _ in resnet.named_modules()][1:5])

# Same small MLP as the Keras program: BatchNorm's running statistics are buffers, not parameters.
mlp = nn.Sequential(nn.Linear(8, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, 3))
print("MLP parameters:", sum(p.numel() for p in mlp.parameters()), "| buffers:", {name: b.numel() for name, b in mlp.named_buffers()})
print(mlp)  # PyTorch's built-in "summary": the module tree, no counts or shapes
# --8<-- [end:count]
