"""PyTorch's side of the step benches (gpu-step.ts on CPU or CUDA, torch-compare.ts on the CPU): the
studio's training step (colorizer -> ImageNet normalization -> backbone -> linear head, masked BCE,
SGD with momentum and decoupled weight decay, every BatchNorm in training mode, as the All stage) in
fp32 on a synthetic resident batch, timed per step. Prints one JSON line.

Run with Debian's PyTorch: /usr/bin/python3 test/bench/torch_reference.py --colorizer coloru
  --backbone resnet18 --width 0.125 --size 64 --batch 4 [--device cpu|cuda] [--steps 5]
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
import torchvision
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "fixtures"))
from reference_colorizers import COLORIZERS  # noqa: E402


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        h = torch.relu(self.bn1(self.conv1(x)))
        return torch.relu(self.bn2(self.conv2(h)) + identity)


class ResNet18(nn.Module):
    """torchvision's ResNet18 with every width scaled as src/core/model/backbones/width.ts does."""

    def __init__(self, width):
        super().__init__()
        widths = [max(1, round(c * width)) for c in (64, 128, 256, 512)]
        self.conv1 = nn.Conv2d(3, widths[0], 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(widths[0])
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        blocks, cin = [], widths[0]
        for stage, cout in enumerate(widths):
            blocks += [BasicBlock(cin, cout, 1 if stage == 0 else 2), BasicBlock(cout, cout, 1)]
            cin = cout
        self.blocks = nn.Sequential(*blocks)
        self.features = cin

    def forward(self, x):
        h = self.maxpool(torch.relu(self.bn1(self.conv1(x))))
        return self.blocks(h).mean((2, 3))


class DenseNet121(nn.Module):
    def __init__(self):
        super().__init__()
        model = torchvision.models.densenet121()
        self.body = model.features
        self.features = model.classifier.in_features

    def forward(self, x):
        return torch.relu(self.body(x)).mean((2, 3))


class Replicate(nn.Module):
    def forward(self, x):
        return x.repeat(1, 3, 1, 1)


class ImageNetNormalize(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("mean", torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1))

    def forward(self, rgb):
        return (rgb - self.mean) / self.std


def network(colorizer, backbone, width, classes=5):
    t = Replicate() if colorizer == "replicate" else COLORIZERS[colorizer]()
    if backbone == "resnet18":
        e = ResNet18(width)
    elif backbone == "densenet121" and width == 1:
        e = DenseNet121()
    else:
        raise SystemExit(f"no reference for {backbone} at width {width}")
    return nn.Sequential(t, ImageNetNormalize(), e, nn.Linear(e.features, classes))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--colorizer", default="coloru")
    parser.add_argument("--backbone", default="resnet18")
    parser.add_argument("--width", type=float, default=0.125)
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--steps", type=int, default=5)
    # Debian's OpenMP build starts with one thread on the 2-core CI machine; 2 threads there ran
    # 30x slower (OpenMP spin-waits against the other jobs sharing the cores).
    parser.add_argument("--threads", type=int, default=0, help="0: torch's default")
    args = parser.parse_args()

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    device = torch.device(args.device)
    net = network(args.colorizer, args.backbone, args.width).to(device).train()
    lr, momentum, weight_decay = 0.01, 0.9, 1e-4
    optimizer = torch.optim.SGD(net.parameters(), lr=lr, momentum=momentum)
    x = torch.randn(args.batch, 1, args.size, args.size, device=device)
    targets = (torch.rand(args.batch, 5, device=device) < 0.5).float()
    mask = torch.ones_like(targets)

    def sync():
        if device.type == "cuda":
            torch.cuda.synchronize()

    def step():
        optimizer.zero_grad(set_to_none=True)
        per_entry = nn.functional.binary_cross_entropy_with_logits(net(x), targets, reduction="none")
        loss = (per_entry * mask).sum() / mask.sum().clamp(min=1)
        loss.backward()
        with torch.no_grad():  # decoupled weight decay, then the momentum step (SPEC section 4)
            for p in net.parameters():
                p.mul_(1 - lr * weight_decay)
        optimizer.step()

    for _ in range(args.warmup):
        step()
    sync()
    times = []
    for _ in range(args.steps):
        started = time.perf_counter()
        step()
        sync()
        times.append((time.perf_counter() - started) * 1000)
    print(json.dumps({
        "ms_per_step": statistics.median(times),
        "times_ms": times,
        "seconds": [t / 1000 for t in times],
        "device": str(device) if device.type == "cpu" else torch.cuda.get_device_name(device),
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "parameters": sum(p.numel() for p in net.parameters()),
    }))


if __name__ == "__main__":
    main()
