#!/usr/bin/env python3
"""Makes the SAM image-processor, automatic-mask-generation and prompted-mask references the
native SAM tests compare against (Tests/Fixtures/sam/amg/).

- processor.safetensors / processor.json: transformers' SamImageProcessor (the torchvision
  backend, the one `pipeline("mask-generation")` loads: the pipeline needs torchvision for its
  NMS) on two photos: labelme-examples' 2011_000003.jpg (500×338, upscaled) and the same photo
  three times side by side (1500×338, downscaled). Pixel values strided by 7, channel sums,
  coordinate normalisation of points and boxes, and `post_process_masks` of formula logits.
- formula_amg.json: the mask-generation pipeline with the tiny checkpoint's image encoder and a
  *formula* mask decoder (squares around each point; `formula_decoder` below, mirrored by the
  Swift tests' fake model), so the whole algorithm (grid, crops, post-processing, stability,
  boxes, crop-edge filter, NMS, RLE) is checked without the real decoder.
- model_amg.json, model_prompted.json: the same pipeline and SamModel + post_process_masks with
  the real tiny checkpoint (Tests/Fixtures/sam/tiny), for the native SamModel.
- rle.json: pycocotools' compressed strings for a few masks; nms.json: torchvision's nms.

Made with: Python 3.11, torch 2.15.0 (CPU), transformers 5.24.0, torchvision 0.29.2,
pycocotools 2.0.11, numpy 2.4.6, pillow 13.0.0, safetensors 0.8.0.

Usage: python scripts/make_sam_amg_fixtures.py
"""
import json, os

import numpy as np
import torch
from PIL import Image
from pycocotools import mask as coco_mask
from safetensors.torch import save_file
from torchvision.ops import nms
from transformers import AutoImageProcessor, SamModel, SamProcessor, pipeline

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TINY = os.path.join(ROOT, "Tests", "Fixtures", "sam", "tiny")
OUT = os.path.join(ROOT, "Tests", "Fixtures", "sam", "amg")
PHOTO = "/usr/share/doc/labelme-examples/examples/semantic_segmentation/data_dataset_voc/JPEGImages/2011_000003.jpg"
STRIDE = 11
POST_STRIDE = 9


def photos():
    small = Image.open(PHOTO).convert("RGB")
    array = np.asarray(small)
    wide = Image.fromarray(np.concatenate([array, array, array], axis=1))
    return {"small": small, "wide": wide}


def compressed(binary):
    """pycocotools' compressed RLE of a [H, W] bool array."""
    rle = coco_mask.encode(np.asfortranarray(binary.astype(np.uint8)))
    return rle["counts"].decode("ascii")


def formula_logits(count, masks=3):
    """[1, count, masks, 256, 256] exact-integer logits shared with the Swift tests."""
    y = torch.arange(256).view(256, 1)
    x = torch.arange(256).view(1, 256)
    out = torch.empty(1, count, masks, 256, 256)
    for n in range(count):
        for m in range(masks):
            out[0, n, m] = ((x * 3 + y * 2 * (m + 1) + n * 11) % 97).float() - 48.0
    return out


def processor_fixtures(processor):
    tensors, meta = {}, {}
    for name, image in photos().items():
        inputs = processor(images=image, return_tensors="pt")
        pixels = inputs["pixel_values"][0]
        original = [int(v) for v in inputs["original_sizes"][0]]
        reshaped = [int(v) for v in inputs["reshaped_input_sizes"][0]]
        tensors[f"{name}.pixels_strided"] = pixels[:, ::STRIDE, ::STRIDE].contiguous()
        tensors[f"{name}.channel_sums"] = pixels.double().sum(dim=(1, 2))
        points = [[0.0, 0.0], [17.5, 33.25], [float(original[1]) - 1, float(original[0]) - 1]]
        boxes = [[3.0, 4.0, 120.5, 200.0], [0.0, 0.0, float(original[1]), float(original[0])]]
        proc = SamProcessor(image_processor=processor)
        prompted = proc(images=image, input_points=[[points]], input_boxes=[boxes], return_tensors="pt")
        logits = formula_logits(2)[0]
        post = processor.post_process_masks([logits], [original], [reshaped], binarize=False)[0]
        stability = [[float(s) for s in row] for row in
                     __import__("transformers.models.sam.image_processing_sam", fromlist=["x"])
                     ._compute_stability_score(post, 0.0, 1.0).tolist()]
        tensors[f"{name}.post_strided"] = post[:, :, ::POST_STRIDE, ::POST_STRIDE].contiguous()
        meta[name] = {
            "original_size": original, "reshaped_input_size": reshaped,
            "points": points, "normalized_points": prompted["input_points"][0, 0].tolist(),
            "boxes": boxes, "normalized_boxes": prompted["input_boxes"][0].tolist(),
            "post_rle": [[compressed((post[n, m] > 0).numpy()) for m in range(3)] for n in range(2)],
            "stability": stability,
        }
    save_file(tensors, os.path.join(OUT, "processor.safetensors"))
    with open(os.path.join(OUT, "processor.json"), "w") as f:
        json.dump({"stride": STRIDE, "post_stride": POST_STRIDE, "images": meta}, f, indent=1)


def formula_decoder(input_points):
    """Squares of half-sides 48, 160, 400 around each point (input frame), logits (r − d) / 2,
    scores 0.8, 0.9, 0.95 by k + (0.37·x + y)·1e-5 (all float32)."""
    points = input_points[0, :, 0, :].float()                # [n, 2]
    coords = torch.arange(256, dtype=torch.float32) * 4 + 2
    dx = (coords.view(1, 1, 256) - points[:, 0].view(-1, 1, 1)).abs()
    dy = (coords.view(1, 256, 1) - points[:, 1].view(-1, 1, 1)).abs()
    distance = torch.maximum(dx, dy)                         # [n, 256, 256]
    radii = torch.tensor([48.0, 160.0, 400.0])
    masks = (radii.view(1, 3, 1, 1) - distance.unsqueeze(1)) / 2.0
    base = (points[:, 0] * np.float32(0.37) + points[:, 1]) * np.float32(1e-5)
    scores = torch.tensor([0.8, 0.9, 0.95]).view(1, 3) + base.view(-1, 1)
    return {"pred_masks": masks.unsqueeze(0), "iou_scores": scores.unsqueeze(0)}


def run_pipeline(generator, image, **kwargs):
    out = generator(image, output_rle_mask=True, output_bboxes_mask=True, **kwargs)
    masks = []
    for rle, score, box in zip(out["rle_mask"], out["scores"].tolist(), out["bounding_boxes"].tolist()):
        h, w = rle["size"]
        coco = coco_mask.frPyObjects({"size": [h, w], "counts": rle["counts"]}, h, w)
        masks.append({"counts": coco["counts"].decode("ascii"), "size": [h, w], "score": score,
                      "box_xyxy": [int(v) for v in box]})
    return masks


AMG_RUNS = [
    dict(image="small", points_per_batch=64, points_per_crop=8, pred_iou_thresh=0.0, stability_score_thresh=0.0),
    dict(image="wide", points_per_batch=24, points_per_crop=6, pred_iou_thresh=0.0, stability_score_thresh=0.5,
         crops_n_layers=1),
    dict(image="small", points_per_batch=64, points_per_crop=10),
    dict(image="small", points_per_batch=50, points_per_crop=6, pred_iou_thresh=0.0, stability_score_thresh=0.0,
         crops_nms_thresh=0.99),
]


def amg_fixtures(name, formula):
    generator = pipeline("mask-generation", model=TINY, device="cpu")
    if formula:
        generator.model.forward = lambda **kw: formula_decoder(kw["input_points"])
    images = photos()
    runs = []
    for run in AMG_RUNS:
        kwargs = {k: v for k, v in run.items() if k != "image"}
        runs.append({"settings": run, "masks": run_pipeline(generator, images[run["image"]], **kwargs)})
        print(name, run, len(runs[-1]["masks"]), "masks")
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(runs, f, indent=1)


PROMPTS = [
    dict(points=[[250.0, 170.0], [60.0, 300.0]], labels=[1, 0], boxes=None, multimask=True),
    dict(points=None, labels=None, boxes=[40.0, 30.0, 420.0, 310.0], multimask=False),
    dict(points=[[300.5, 120.25]], labels=[1], boxes=[100.0, 50.0, 480.0, 330.0], multimask=False),
]


def prompted_fixtures():
    model = SamModel.from_pretrained(TINY).eval()
    processor = SamProcessor.from_pretrained(TINY)
    image = photos()["small"]
    cases = []
    for prompt in PROMPTS:
        kwargs = {}
        if prompt["points"] is not None:
            kwargs["input_points"] = [[prompt["points"]]]
            kwargs["input_labels"] = [[prompt["labels"]]]
        if prompt["boxes"] is not None:
            kwargs["input_boxes"] = [[prompt["boxes"]]]
        inputs = processor(images=image, return_tensors="pt", **kwargs)
        with torch.no_grad():
            out = model(**inputs, multimask_output=prompt["multimask"])
        logits = processor.image_processor.post_process_masks(
            out.pred_masks, inputs["original_sizes"], inputs["reshaped_input_sizes"], binarize=False)[0][0]
        masks = [{"counts": compressed((m > 0).numpy()), "size": list(m.shape),
                  "near_zero": int((m.abs() < 1e-4).sum())} for m in logits]
        cases.append({"prompt": prompt, "masks": masks, "iou_scores": out.iou_scores[0, 0].tolist()})
    with open(os.path.join(OUT, "model_prompted.json"), "w") as f:
        json.dump(cases, f, indent=1)


def small_fixtures():
    rng = np.random.default_rng(13)
    masks = []
    for shape in [(1, 1), (3, 5), (7, 4), (40, 33)]:
        m = rng.random(shape) < 0.4
        masks.append({"size": list(shape), "mask": m.astype(int).tolist(), "counts": compressed(m)})
    full = np.ones((6, 9), bool)
    masks.append({"size": [6, 9], "mask": full.astype(int).tolist(), "counts": compressed(full)})
    with open(os.path.join(OUT, "rle.json"), "w") as f:
        json.dump(masks, f)
    xy = rng.integers(0, 300, size=(300, 2))
    wh = rng.integers(1, 200, size=(300, 2))
    boxes = torch.tensor(np.concatenate([xy, xy + wh], axis=1), dtype=torch.float32)
    scores = torch.tensor(rng.random(300), dtype=torch.float32)
    cases = []
    for threshold in [0.3, 0.7]:
        keep = nms(boxes, scores, threshold)
        cases.append({"threshold": threshold, "keep": keep.tolist()})
    with open(os.path.join(OUT, "nms.json"), "w") as f:
        json.dump({"boxes": boxes.int().tolist(), "scores": scores.tolist(), "cases": cases}, f)


def main():
    torch.manual_seed(0)
    os.makedirs(OUT, exist_ok=True)
    processor = AutoImageProcessor.from_pretrained(TINY)
    assert type(processor).__name__ == "SamImageProcessor", type(processor)
    processor_fixtures(processor)
    small_fixtures()
    amg_fixtures("formula_amg.json", formula=True)
    amg_fixtures("model_amg.json", formula=False)
    prompted_fixtures()


if __name__ == "__main__":
    main()
