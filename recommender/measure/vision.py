"""Image architectures in plain PyTorch, for the ``vision-cpu`` bench suite (random weights).

Each builder reproduces a published architecture layer for layer, so that its parameter count equals
the published one to the unit (tests check): torchvision's ResNet-18/50, MobileNetV2, EfficientNet-B0
and ViT-B/16, the DeiT/timm ViT-S/16 (same layout, width 384, 6 heads), and the Keras 2-D U-Net of
zhixuhao/unet (31,031,685 parameters at one input channel). torchvision is not used: it would pull a
CUDA build of torch here. torch is imported inside the functions only.

``multiply_adds`` counts a forward pass's multiply-adds the way torchvision's tables do (convolutions,
linear layers and the attention products; ResNet-50 at 224² = 4.09 G).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

PUBLISHED_PARAMS = {
    "resnet-18": 11_689_512, "resnet-50": 25_557_032, "mobilenet-v2": 3_504_872, "efficientnet-b0": 5_288_548,
    "unet": 31_031_685, "vit-s-16": 22_050_664, "vit-b-16": 86_567_656,
}
"""Published parameter counts (torchvision model docs; timm/DeiT for ViT-S/16; zhixuhao/unet summaries)."""
RESOLUTION = {"unet": 256}
"""Input side in pixels (224 unless named here)."""
CHANNELS = {"unet": 1}
"""Input channels (3 unless named here)."""


@dataclass(frozen=True)
class Network:
    """A built network and what its items are."""

    module: Any
    resolution: int
    channels: int
    segmentation: bool
    """True: the output is a mask of the input's size (U-Net), else class scores."""


def _resnet(layers: tuple[int, ...], bottleneck: bool):
    import torch.nn as nn

    expansion = 4 if bottleneck else 1

    class Block(nn.Module):
        def __init__(self, cin: int, width: int, stride: int):
            super().__init__()
            cout = width * expansion
            if bottleneck:
                self.body = nn.Sequential(
                    nn.Conv2d(cin, width, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
                    nn.Conv2d(width, width, 3, stride, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
                    nn.Conv2d(width, cout, 1, bias=False), nn.BatchNorm2d(cout))
            else:
                self.body = nn.Sequential(
                    nn.Conv2d(cin, width, 3, stride, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
                    nn.Conv2d(width, width, 3, 1, 1, bias=False), nn.BatchNorm2d(width))
            self.down = None if stride == 1 and cin == cout else nn.Sequential(
                nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
            self.relu = nn.ReLU(inplace=True)

        def forward(self, x):
            return self.relu(self.body(x) + (x if self.down is None else self.down(x)))

    stages, cin = [], 64
    for i, n in enumerate(layers):
        width = 64 * 2 ** i
        for j in range(n):
            stages.append(Block(cin, width, 2 if (j == 0 and i > 0) else 1))
            cin = width * expansion
    return nn.Sequential(
        nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2, 1),
        *stages, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, 1000))


def _conv_bn(cin: int, cout: int, k: int, stride: int = 1, groups: int = 1, act: Callable | None = None):
    import torch.nn as nn

    layers = [nn.Conv2d(cin, cout, k, stride, (k - 1) // 2, groups=groups, bias=False), nn.BatchNorm2d(cout)]
    if act is not None:
        layers.append(act())
    return nn.Sequential(*layers)


def _mobilenet_v2():
    import torch.nn as nn

    class Inverted(nn.Module):
        def __init__(self, cin: int, cout: int, stride: int, expand: int):
            super().__init__()
            hidden = cin * expand
            layers = [] if expand == 1 else [_conv_bn(cin, hidden, 1, act=nn.ReLU6)]
            layers += [_conv_bn(hidden, hidden, 3, stride, hidden, nn.ReLU6), _conv_bn(hidden, cout, 1)]
            self.body = nn.Sequential(*layers)
            self.residual = stride == 1 and cin == cout

        def forward(self, x):
            return x + self.body(x) if self.residual else self.body(x)

    blocks, cin = [_conv_bn(3, 32, 3, 2, act=nn.ReLU6)], 32
    for t, c, n, s in ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2),
                       (6, 320, 1, 1)):
        for i in range(n):
            blocks.append(Inverted(cin, c, s if i == 0 else 1, t))
            cin = c
    blocks.append(_conv_bn(cin, 1280, 1, act=nn.ReLU6))
    return nn.Sequential(*blocks, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2), nn.Linear(1280, 1000))


def _efficientnet_b0():
    import torch.nn as nn

    class MBConv(nn.Module):
        def __init__(self, cin: int, cout: int, k: int, stride: int, expand: int):
            super().__init__()
            hidden, squeeze = cin * expand, max(1, cin // 4)
            layers = [] if expand == 1 else [_conv_bn(cin, hidden, 1, act=nn.SiLU)]
            layers.append(_conv_bn(hidden, hidden, k, stride, hidden, nn.SiLU))
            self.body = nn.Sequential(*layers)
            self.se = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(hidden, squeeze, 1), nn.SiLU(),
                                    nn.Conv2d(squeeze, hidden, 1), nn.Sigmoid())
            self.project = _conv_bn(hidden, cout, 1)
            self.residual = stride == 1 and cin == cout

        def forward(self, x):
            h = self.body(x)
            h = self.project(h * self.se(h))
            return x + h if self.residual else h

    blocks, cin = [_conv_bn(3, 32, 3, 2, act=nn.SiLU)], 32
    for e, k, s, c, n in ((1, 3, 1, 16, 1), (6, 3, 2, 24, 2), (6, 5, 2, 40, 2), (6, 3, 2, 80, 3), (6, 5, 1, 112, 3),
                          (6, 5, 2, 192, 4), (6, 3, 1, 320, 1)):
        for i in range(n):
            blocks.append(MBConv(cin, c, k, s if i == 0 else 1, e))
            cin = c
    blocks.append(_conv_bn(cin, 1280, 1, act=nn.SiLU))
    return nn.Sequential(*blocks, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2), nn.Linear(1280, 1000))


def _unet():
    """zhixuhao/unet: 3×3 convolutions with bias, 2×2 up-convolutions (Keras 'same' padding: one row and
    column after) after nearest upsampling, a 2-channel
    3×3 conv then a 1×1 sigmoid output; one input channel."""
    import torch
    import torch.nn as nn

    def double(cin: int, cout: int):
        return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU(inplace=True),
                             nn.Conv2d(cout, cout, 3, padding=1), nn.ReLU(inplace=True))

    class UNet(nn.Module):
        def __init__(self):
            super().__init__()
            widths = (64, 128, 256, 512, 1024)
            self.down = nn.ModuleList([double(1, 64)] + [double(a, b) for a, b in zip(widths, widths[1:])])
            self.pool = nn.MaxPool2d(2)
            self.up = nn.ModuleList([nn.Sequential(nn.Upsample(scale_factor=2), nn.ZeroPad2d((0, 1, 0, 1)), nn.Conv2d(b, a, 2),
                                                   nn.ReLU(inplace=True)) for a, b in zip(widths, widths[1:])][::-1])
            self.merge = nn.ModuleList([double(2 * a, a) for a in widths[:-1]][::-1])
            self.head = nn.Sequential(nn.Conv2d(64, 2, 3, padding=1), nn.ReLU(inplace=True), nn.Conv2d(2, 1, 1),
                                      nn.Sigmoid())

        def forward(self, x):
            skips = []
            for i, block in enumerate(self.down):
                x = block(x if i == 0 else self.pool(x))
                skips.append(x)
            x = skips.pop()
            for up, merge in zip(self.up, self.merge):
                x = merge(torch.cat([skips.pop(), up(x)], dim=1))
            return self.head(x)

    return UNet()


def _vit(width: int, heads: int, layers: int = 12, patch: int = 16, resolution: int = 224):
    """torchvision's VisionTransformer layout: patch conv, class token, learned positions, pre-norm
    blocks (LayerNorm, multi-head attention, LayerNorm, MLP × 4 with GELU), final LayerNorm, linear head."""
    import torch
    import torch.nn as nn

    tokens = (resolution // patch) ** 2 + 1

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.ln_1, self.ln_2 = nn.LayerNorm(width, eps=1e-6), nn.LayerNorm(width, eps=1e-6)
            self.attention = nn.MultiheadAttention(width, heads, batch_first=True)
            self.mlp = nn.Sequential(nn.Linear(width, 4 * width), nn.GELU(), nn.Linear(4 * width, width))

        def forward(self, x):
            h = self.ln_1(x)
            x = x + self.attention(h, h, h, need_weights=False)[0]
            return x + self.mlp(self.ln_2(x))

    class ViT(nn.Module):
        def __init__(self):
            super().__init__()
            self.patch = nn.Conv2d(3, width, patch, patch)
            self.class_token = nn.Parameter(torch.zeros(1, 1, width))
            self.positions = nn.Parameter(torch.zeros(1, tokens, width).normal_(std=0.02))
            self.blocks = nn.Sequential(*(Block() for _ in range(layers)))
            self.ln = nn.LayerNorm(width, eps=1e-6)
            self.head = nn.Linear(width, 1000)

        def forward(self, x):
            x = self.patch(x).flatten(2).transpose(1, 2)
            x = torch.cat([self.class_token.expand(len(x), -1, -1), x], dim=1) + self.positions
            return self.head(self.ln(self.blocks(x))[:, 0])

    return ViT()


BUILDERS: dict[str, Callable[[], Any]] = {
    "resnet-18": lambda: _resnet((2, 2, 2, 2), False), "resnet-50": lambda: _resnet((3, 4, 6, 3), True),
    "mobilenet-v2": _mobilenet_v2, "efficientnet-b0": _efficientnet_b0, "unet": _unet,
    "vit-s-16": lambda: _vit(384, 6), "vit-b-16": lambda: _vit(768, 12),
}
VISION_MODELS = tuple(BUILDERS)
"""Catalog ids the vision suite can build."""


def build_network(model_id: str, seed: int = 0) -> Network:
    """The network of catalog id ``model_id`` with random weights (``torch.manual_seed(seed)``)."""
    import torch

    torch.manual_seed(seed)
    module = BUILDERS[model_id]()
    return Network(module, RESOLUTION.get(model_id, 224), CHANNELS.get(model_id, 3), model_id == "unet")


def training_step(network: Network, optimizer: Any, images: Any, targets: Any) -> None:
    """One SGD step: forward, loss (cross-entropy on class ids, or binary cross-entropy on a mask), backward."""
    import torch.nn.functional as F

    out = network.module(images)
    loss = F.binary_cross_entropy(out, targets) if network.segmentation else F.cross_entropy(out, targets)
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()


def synthetic_batch(network: Network, batch: int, seed: int = 0) -> tuple[Any, Any]:
    """Random images (standard normal) and random targets: class ids in [0, 1000), or a 0/1 mask."""
    import torch

    g = torch.Generator().manual_seed(seed)
    side = network.resolution
    images = torch.randn(batch, network.channels, side, side, generator=g)
    if network.segmentation:
        targets = (torch.rand(batch, 1, side, side, generator=g) > 0.5).float()
    else:
        targets = torch.randint(0, 1000, (batch,), generator=g)
    return images, targets


def parameter_count(module: Any) -> int:
    """Trainable parameters of a module (BatchNorm running statistics are buffers, not counted)."""
    return sum(p.numel() for p in module.parameters())


def multiply_adds(network: Network) -> int:
    """Multiply-adds of one forward pass on one image (convolutions, linear layers, attention
    products), counted with forward hooks on a 1-image batch."""
    import torch
    import torch.nn as nn

    total = [0]

    def conv(m, _inputs, out):
        total[0] += out.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]

    def linear(m, inputs, out):
        total[0] += out.numel() * m.in_features

    def attention(m, inputs, _out):
        q = inputs[0]
        t, d = q.shape[1], m.embed_dim
        total[0] += 4 * t * d * d + 2 * t * t * d  # q, k, v and output projections; q·k and attention·v

    hooks = []
    for m in network.module.modules():
        if isinstance(m, nn.Conv2d):
            hooks.append(m.register_forward_hook(conv))
        elif isinstance(m, nn.Linear) and not isinstance(m, nn.modules.linear.NonDynamicallyQuantizableLinear):
            hooks.append(m.register_forward_hook(linear))
        elif isinstance(m, nn.MultiheadAttention):
            hooks.append(m.register_forward_hook(attention))
    try:
        with torch.inference_mode():
            network.module.eval()(torch.zeros(1, network.channels, network.resolution, network.resolution))
    finally:
        for h in hooks:
            h.remove()
    return total[0]
