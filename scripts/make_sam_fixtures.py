#!/usr/bin/env python3
"""Makes the tiny random SAM checkpoint the SAM tests load (Tests/Fixtures/sam/tiny/), in the
layout transformers' `SamModel.save_pretrained` writes for `facebook/sam-vit-*`.

Every parameter and buffer is drawn at random (SAM's own initialisation leaves the relative
position tables at zero and the vision weights near zero, which would hide layout mistakes).
The image size stays 1024 (64×64 tokens, windows of 14 padded to 70), so the geometry is SAM's;
only the widths and depths are small.

Made with: Python 3.11, torch 2.15.0 (CPU), transformers 5.24.0, safetensors 0.8.0.

Usage:
    python scripts/make_sam_fixtures.py                       # Tests/Fixtures/sam/tiny
    python scripts/make_sam_fixtures.py --fullsize base /tmp/sam-vit-base   # one-off, not committed
"""
import argparse, json, os

import torch
from transformers import SamConfig, SamModel

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TINY = os.path.join(ROOT, "Tests", "Fixtures", "sam", "tiny")

TINY_CONFIG = dict(
    vision_config=dict(hidden_size=32, output_channels=32, num_hidden_layers=2, num_attention_heads=2,
                       mlp_dim=64, window_size=14, global_attn_indexes=[1], num_pos_feats=16),
    prompt_encoder_config=dict(hidden_size=32, mask_input_channels=4),
    mask_decoder_config=dict(hidden_size=32, mlp_dim=64, num_hidden_layers=2, num_attention_heads=2,
                             iou_head_hidden_dim=32),
)

# The published checkpoints' shapes (facebook/sam-vit-base, -large, -huge).
FULL_VISION = {
    "base": dict(hidden_size=768, num_hidden_layers=12, num_attention_heads=12, global_attn_indexes=[2, 5, 8, 11]),
    "large": dict(hidden_size=1024, num_hidden_layers=24, num_attention_heads=16, global_attn_indexes=[5, 11, 17, 23]),
    "huge": dict(hidden_size=1280, num_hidden_layers=32, num_attention_heads=16, global_attn_indexes=[7, 15, 23, 31]),
}

# SamImageProcessor's settings as the hub's preprocessor_config.json states them.
PREPROCESSOR = {
    "do_convert_rgb": True, "do_normalize": True, "do_pad": True, "do_rescale": True, "do_resize": True,
    "image_mean": [0.485, 0.456, 0.406], "image_std": [0.229, 0.224, 0.225],
    "image_processor_type": "SamImageProcessor", "pad_size": {"height": 1024, "width": 1024},
    "processor_class": "SamProcessor", "resample": 2, "rescale_factor": 0.00392156862745098,
    "size": {"longest_edge": 1024},
}


def randomize(model, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, tensor in list(model.named_parameters()) + list(model.named_buffers()):
            if not tensor.is_floating_point():
                continue
            if name.endswith("layer_norm1.weight") or name.endswith("layer_norm2.weight") or "norm" in name and name.endswith(".weight"):
                tensor.copy_(1 + 0.1 * torch.randn(tensor.shape, generator=g))
            elif name.endswith("positional_embedding"):
                tensor.copy_(torch.randn(tensor.shape, generator=g))
            else:
                fan_in = tensor.shape[-1] if tensor.dim() > 1 else 16
                if tensor.dim() == 4:
                    fan_in = tensor.shape[1] * tensor.shape[2] * tensor.shape[3]
                tensor.copy_(torch.randn(tensor.shape, generator=g) / max(fan_in, 1) ** 0.5)


def save(model, folder):
    os.makedirs(folder, exist_ok=True)
    model.save_pretrained(folder, safe_serialization=True)
    json.dump(PREPROCESSOR, open(os.path.join(folder, "preprocessor_config.json"), "w"), indent=2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fullsize", nargs=2, metavar=("SIZE", "FOLDER"))
    args = parser.parse_args()
    if args.fullsize:
        size, folder = args.fullsize
        model = SamModel(SamConfig(vision_config=FULL_VISION[size])).eval()
        randomize(model, seed=1)
        save(model, folder)
        return
    model = SamModel(SamConfig(**TINY_CONFIG)).eval()
    randomize(model, seed=0)
    save(model, TINY)


if __name__ == "__main__":
    main()
