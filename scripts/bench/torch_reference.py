"""PyTorch's side of test/bench/torch-compare.ts: seconds per training step of the same networks.

Colorizer (replicate or ColorU, from scripts/fixtures/reference_colorizers.py) -> ImageNet
normalization -> ResNet18 at a width multiplier (channels scaled as src/core/model/backbones/width.ts
does) -> linear head, masked-free BCE-with-logits on 5 labels, SGD with momentum 0.9 and weight
decay; everything trains and every BatchNorm is in training mode (the studio's All / Baseline All
stages). Synthetic batch, resident: model time only, as our side measures.

Run with Debian's PyTorch: /usr/bin/python3 scripts/bench/torch_reference.py --colorizer coloru
--width 1 --size 64 --batch 16 --threads 1 --warmup 3 --steps 10. Prints one JSON line.
"""
import argparse
import json
import os
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "fixtures"))
from reference_colorizers import ColorU  # noqa: E402


def scale(channels, width):
    return max(1, round(channels * width))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        return self.relu(self.bn2(self.conv2(out)) + identity)


class ResNet18(nn.Module):
    """torchvision's resnet18 (features + fc) with every channel count scaled by `width`."""

    def __init__(self, width, classes):
        super().__init__()
        c = [scale(n, width) for n in (64, 128, 256, 512)]
        self.conv1 = nn.Conv2d(3, c[0], 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(c[0])
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        layers, cin = [], c[0]
        for i, cout in enumerate(c):
            stride = 1 if i == 0 else 2
            layers += [BasicBlock(cin, cout, stride), BasicBlock(cout, cout, 1)]
            cin = cout
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(c[3], classes)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layers(x).mean((2, 3))
        return self.fc(x)


class Network(nn.Module):
    MEAN = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
    STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)

    def __init__(self, colorizer, width, classes=5):
        super().__init__()
        self.colorizer = ColorU() if colorizer == "coloru" else None
        self.backbone = ResNet18(width, classes)

    def forward(self, gray):
        rgb = self.colorizer(gray) if self.colorizer is not None else gray.repeat(1, 3, 1, 1)
        return self.backbone((rgb - self.MEAN) / self.STD)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--colorizer", default="coloru", choices=["replicate", "coloru"])
    parser.add_argument("--width", type=float, default=1.0)
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--steps", type=int, default=10)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = Network(args.colorizer, args.width).train()
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9, weight_decay=0.01)
    x = torch.randn(args.batch, 1, args.size, args.size)
    targets = (torch.rand(args.batch, 5) > 0.5).float()
    loss_fn = nn.BCEWithLogitsLoss()

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss_fn(model(x), targets).backward()
        optimizer.step()

    for _ in range(args.warmup):
        step()
    times = []
    for _ in range(args.steps):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "seconds": times}))


if __name__ == "__main__":
    main()
