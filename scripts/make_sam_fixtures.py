#!/usr/bin/env python3
"""Makes the tiny random SAM checkpoint the SAM tests load (Tests/Fixtures/sam/tiny/), in the
layout transformers' `SamModel.save_pretrained` writes for `facebook/sam-vit-*`.

Every parameter and buffer is drawn at random (SAM's own initialisation leaves the relative
position tables at zero and the vision weights near zero, which would hide layout mistakes).
The image size stays 1024 (64×64 tokens, windows of 14 padded to 70), so the geometry is SAM's;
only the widths and depths are small.

Made with: Python 3.11, torch 2.15.0 (CPU), transformers 5.24.0, safetensors 0.8.0.

Besides the weights it writes `reference.safetensors`: SamModel's outputs for a fixed
`pixel_values` (a seeded random 128×128 tile, `pixel_tile`, repeated 8× along both axes, which the
Swift tests rebuild the same way) — the image embeddings and, for several prompt sets (points
with fg / bg / pad labels, boxes, boxes with points, multimask on and off), the IoU scores, the
low-resolution masks subsampled at rows 1::4 and columns 3::4 (`masks_sub`), every mask's sum
(`mask_sums`) and, for set 0, the full masks; the last set adds a mask input. Only the reference is rewritten with
`--reference-only` (the weights other fixtures depend on stay as they are).

Usage:
    python scripts/make_sam_fixtures.py                       # Tests/Fixtures/sam/tiny
    python scripts/make_sam_fixtures.py --reference-only      # only Tests/Fixtures/sam/tiny/reference.safetensors
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


# Prompt sets: (points [B, N, 2] or None, labels [B, N] or None, boxes [B, 4] or None, multimask);
# the last one also has a mask input shared by its prompts (`set6.mask_input`, [256, 256]).
PROMPT_SETS = [
    ([[[500.0, 375.0]]], [[1]], None, True),
    ([[[100.0, 900.0]], [[512.0, 512.0]], [[1000.0, 20.0]]], [[1], [1], [1]], None, False),
    ([[[200.0, 300.0], [640.0, 480.0], [0.0, 0.0]], [[800.0, 100.0], [810.0, 130.0], [300.0, 700.0]]],
     [[1, 0, -1], [1, 1, 0]], None, True),
    (None, None, [[100.0, 150.0, 600.0, 700.0], [0.0, 0.0, 1023.0, 1023.0]], True),
    ([[[350.0, 400.0], [0.0, 0.0]], [[700.0, 820.0], [650.0, 800.0]]], [[1, -10], [1, 0]],
     [[300.0, 350.0, 420.0, 470.0], [600.0, 700.0, 900.0, 1000.0]], False),
    ([[[50.5, 60.25]]], [[0]], [[10.0, 20.0, 900.0, 1000.0]], True),
    ([[[400.0, 500.0]], [[600.0, 300.0]]], [[1], [0]], None, True),
]
MASK_SET = len(PROMPT_SETS) - 1


def reference_pixels(seed):
    g = torch.Generator().manual_seed(seed)
    tile = torch.randn((3, 128, 128), generator=g)
    pixels = tile.repeat_interleave(8, dim=1).repeat_interleave(8, dim=2)[None]
    return tile, pixels


def write_reference(model, folder, seed):
    from safetensors.torch import save_file
    tile, pixels = reference_pixels(seed)
    out = {"pixel_tile": tile.contiguous()}
    with torch.no_grad():
        embeddings = model.get_image_embeddings(pixels)
        out["image_embeddings"] = embeddings[0].contiguous()
        for i, (points, labels, boxes, multimask) in enumerate(PROMPT_SETS):
            kwargs = {}
            if points is not None:
                out[f"set{i}.points"] = torch.tensor(points)
                out[f"set{i}.labels"] = torch.tensor(labels, dtype=torch.float32)
                kwargs["input_points"] = torch.tensor(points)[None]
                kwargs["input_labels"] = torch.tensor(labels, dtype=torch.int64)[None]
            if boxes is not None:
                out[f"set{i}.boxes"] = torch.tensor(boxes)
                kwargs["input_boxes"] = torch.tensor(boxes)[None]
            if i == MASK_SET:
                mask = 2 * torch.randn((256, 256), generator=torch.Generator().manual_seed(seed + 1))
                out[f"set{i}.mask_input"] = mask
                kwargs["input_masks"] = mask[None, None]
            result = model(image_embeddings=embeddings, multimask_output=multimask, **kwargs)
            masks = result.pred_masks[0]  # [B, M, 256, 256]
            out[f"set{i}.multimask"] = torch.tensor([1.0 if multimask else 0.0])
            out[f"set{i}.iou_scores"] = result.iou_scores[0].contiguous()
            out[f"set{i}.masks_sub"] = masks[:, :, 1::4, 3::4].contiguous()
            out[f"set{i}.mask_sums"] = masks.double().sum(dim=(2, 3)).float().contiguous()
            if i == 0:
                out[f"set{i}.masks"] = masks.contiguous()
    save_file(out, os.path.join(folder, "reference.safetensors"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fullsize", nargs=2, metavar=("SIZE", "FOLDER"))
    parser.add_argument("--reference-only", action="store_true")
    args = parser.parse_args()
    if args.fullsize:
        size, folder = args.fullsize
        model = SamModel(SamConfig(vision_config=FULL_VISION[size])).eval()
        randomize(model, seed=1)
        save(model, folder)
        write_reference(model, folder, seed=2)
        return
    if args.reference_only:
        model = SamModel.from_pretrained(TINY).eval()
    else:
        model = SamModel(SamConfig(**TINY_CONFIG)).eval()
        randomize(model, seed=0)
        save(model, TINY)
    write_reference(model, TINY, seed=2)


if __name__ == "__main__":
    main()
