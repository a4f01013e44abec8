#!/usr/bin/env python3
"""The PyTorch side of Benchmarks/sam.sh: transformers' `mask-generation` pipeline on one image,
timed per stage (image encoder, mask decoder, post-processing), with peak RSS, and its masks
written as SAM's JSON (COCO RLE) so that `reme masks` can be compared with it.

Usage (a venv with torch, transformers, pillow):
    python Benchmarks/sam_pytorch.py MODEL_FOLDER IMAGE --output masks.json --timings timings.json \
        [--points-per-side 32] [--pred-iou-thresh 0.88] [--stability-score-thresh 0.95] [--threads 2]
"""
import argparse, json, resource, time

import torch
from transformers import pipeline


def rle_string(counts):
    """COCO's compressed string form of uncompressed column-major counts."""
    out = []
    for i, run in enumerate(counts):
        value = run - counts[i - 2] if i > 2 else run
        more = True
        while more:
            group = value & 0x1F
            value >>= 5
            more = value != -1 if group & 0x10 else value != 0
            if more:
                group |= 0x20
            out.append(chr(group + 48))
    return "".join(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("image")
    parser.add_argument("--output")
    parser.add_argument("--timings")
    parser.add_argument("--points-per-side", type=int, default=32)
    parser.add_argument("--points-per-batch", type=int, default=64)
    parser.add_argument("--pred-iou-thresh", type=float, default=0.88)
    parser.add_argument("--stability-score-thresh", type=float, default=0.95)
    parser.add_argument("--stability-score-offset", type=float, default=1.0)
    parser.add_argument("--box-nms-thresh", type=float, default=0.7)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    started = time.perf_counter()
    generator = pipeline("mask-generation", model=args.model, device=-1)
    load_seconds = time.perf_counter() - started
    stages = {"image_encoder": 0.0, "decoder": 0.0, "postprocess": 0.0}

    def timed(owner, name, stage):
        original = getattr(owner, name)

        def wrapper(*a, **k):
            t = time.perf_counter()
            result = original(*a, **k)
            stages[stage] += time.perf_counter() - t
            return result

        setattr(owner, name, wrapper)

    model, processor = generator.model, generator.image_processor
    timed(model, "get_image_embeddings", "image_encoder")
    original_forward = model.forward

    def forward(*a, **k):
        t = time.perf_counter()
        result = original_forward(*a, **k)
        stages["decoder"] += time.perf_counter() - t
        return result

    model.forward = forward
    for name in ("post_process_masks", "filter_masks", "post_process_for_mask_generation"):
        timed(processor, name, "postprocess")

    started = time.perf_counter()
    result = generator(args.image, points_per_crop=args.points_per_side, points_per_batch=args.points_per_batch,
                       pred_iou_thresh=args.pred_iou_thresh, stability_score_thresh=args.stability_score_thresh,
                       stability_score_offset=args.stability_score_offset, crops_nms_thresh=args.box_nms_thresh,
                       output_rle_mask=True, output_bboxes_mask=True)
    total = time.perf_counter() - started
    peak_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    timings = dict(stages, total=total, other=total - sum(stages.values()), load=load_seconds,
                   peak_rss_mib=peak_rss_mib, masks=len(result["masks"]), threads=args.threads,
                   torch=torch.__version__)
    print(json.dumps(timings))
    if args.timings:
        json.dump(timings, open(args.timings, "w"), indent=1)
    if args.output:
        entries = []
        for rle, score, box in zip(result["rle_mask"], result["scores"], result["bounding_boxes"]):
            h, w = rle["size"]
            x0, y0, x1, y1 = [int(v) for v in box]
            entries.append({"segmentation": {"size": [h, w], "counts": rle_string(list(rle["counts"]))},
                            "area": int(sum(rle["counts"][1::2])), "bbox": [x0, y0, x1 - x0, y1 - y0],
                            "predicted_iou": float(score)})
        json.dump(entries, open(args.output, "w"))


if __name__ == "__main__":
    main()
