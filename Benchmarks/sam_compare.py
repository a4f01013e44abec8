#!/usr/bin/env python3
"""Compares two SAM mask JSON files (reme masks vs transformers' pipeline, Benchmarks/sam.sh):
mask counts, and each mask of the first matched to its best-IoU mask of the second.
Usage: python Benchmarks/sam_compare.py REME.json TORCH.json"""
import json, sys

import numpy as np


def decode(rle):
    h, w = rle["size"]
    counts, runs, value, shift, i = rle["counts"], [], 0, 0, 0
    for ch in counts.encode():
        group = ch - 48
        value |= (group & 0x1F) << shift
        shift += 5
        if group & 0x20:
            continue
        if group & 0x10:
            value |= -1 << shift
        if len(runs) > 2:
            value += runs[-2]
        runs.append(value)
        value, shift = 0, 0
    flat = np.zeros(h * w, dtype=bool)
    position = 0
    for k, run in enumerate(runs):
        if k % 2:
            flat[position:position + run] = True
        position += run
    return flat.reshape(w, h).T


def main():
    ours_entries = json.load(open(sys.argv[1]))
    theirs_entries = json.load(open(sys.argv[2]))
    theirs_by_counts = {e["segmentation"]["counts"] for e in theirs_entries}
    theirs = [decode(e["segmentation"]) for e in theirs_entries]
    boxes = [e["bbox"] for e in theirs_entries]
    ious = []
    for entry in ours_entries:
        if entry["segmentation"]["counts"] in theirs_by_counts:
            ious.append(1.0)  # the identical mask
            continue
        m = decode(entry["segmentation"])
        x, y, w, h = entry["bbox"]
        best = 0.0
        for t, (tx, ty, tw, th) in zip(theirs, boxes):
            if tx > x + w or x > tx + tw or ty > y + h or y > ty + th:
                continue
            union = np.logical_or(m, t).sum()
            best = max(best, np.logical_and(m, t).sum() / union if union else 1.0)
        ious.append(best)
    worst = min(ious) if ious else 1.0
    print(json.dumps({"reme_masks": len(ours_entries), "torch_masks": len(theirs_entries),
                      "identical": int(sum(i == 1.0 for i in ious)), "min_best_iou": round(float(worst), 6),
                      "matched_at_0.99": int(sum(i >= 0.99 for i in ious))}))


if __name__ == "__main__":
    main()
