#!/usr/bin/env python3
"""Writes Tests/Fixtures/method/miou_cases.json: small label maps and the mIoU numbers
mmsegmentation's IoUMetric would report for them.

The formula is re-implemented here in numpy from mmsegmentation 1.2.2's
`mmseg/evaluation/metrics/iou_metric.py` (`intersect_and_union`, `total_area_to_metrics`),
because mmsegmentation needs an mmcv build. Per image: optional reduce_zero_label
(0 -> 255, others -1, 254 -> 255), drop pixels whose label is ignore_index (255),
histogram intersection / prediction / label areas over [0, num_classes); over the data set
sum the areas; IoU = I / U, Acc = I / label, aAcc = sum(I) / sum(label); NaN classes are left
out of the means (np.nanmean). Numbers in percent, unrounded.

Made with: Python 3.11, numpy 2.4.6 (seeded RNG: numpy.random.default_rng(2025)).
"""
import json
import pathlib

import numpy as np


def intersect_and_union(pred, label, num_classes, ignore_index, reduce_zero_label):
    label = label.astype(np.int64).copy()
    pred = pred.astype(np.int64)
    if reduce_zero_label:
        label[label == 0] = 255
        label = label - 1
        label[label == 254] = 255
    mask = label != ignore_index
    pred = pred[mask]
    label = label[mask]
    inter = pred[pred == label]

    def hist(values):
        values = values[(values >= 0) & (values < num_classes)]
        return np.bincount(values, minlength=num_classes).astype(np.float64)

    ai, ap, al = hist(inter), hist(pred), hist(label)
    return ai, ap + al - ai, ap, al


def metrics(cases, num_classes, ignore_index, reduce_zero_label):
    totals = [np.zeros(num_classes) for _ in range(4)]
    for pred, label in cases:
        for t, a in zip(totals, intersect_and_union(pred, label, num_classes, ignore_index, reduce_zero_label)):
            t += a
    ti, tu, tp, tl = totals
    with np.errstate(divide="ignore", invalid="ignore"):
        iou = ti / tu
        acc = ti / tl
    return {
        "aAcc": float(ti.sum() / tl.sum() * 100),
        "mIoU": float(np.nanmean(iou) * 100),
        "mAcc": float(np.nanmean(acc) * 100),
        "per_class_iou": [None if np.isnan(v) else float(v * 100) for v in iou],
    }


def main():
    rng = np.random.default_rng(2025)
    out = []
    for name, num_classes, reduce_zero in [("plain", 6, False), ("reduce_zero_label", 5, True)]:
        images = []
        for h, w in [(7, 9), (11, 5), (6, 6)]:
            label = rng.integers(0, num_classes + (1 if reduce_zero else 0), size=(h, w))
            label[rng.random((h, w)) < 0.1] = 255
            pred = label.copy() - (1 if reduce_zero else 0)
            noise = rng.random((h, w)) < 0.4
            pred[noise] = rng.integers(0, num_classes, size=noise.sum())
            pred[0, 0] = 255  # a prediction outside the class range is not counted
            pred = np.clip(pred, 0, 255)
            images.append((pred, label))
        # Leave the last class out of both prediction and ground truth: its IoU is NaN.
        absent = num_classes - 1
        for pred, label in images:
            pred[pred == absent] = 0
            label[label == (absent + 1 if reduce_zero else absent)] = 255
        out.append({
            "name": name,
            "num_classes": num_classes,
            "ignore_index": 255,
            "reduce_zero_label": reduce_zero,
            "images": [{"height": int(p.shape[0]), "width": int(p.shape[1]),
                        "prediction": p.flatten().tolist(), "label": l.flatten().tolist()} for p, l in images],
            "expected": metrics(images, num_classes, 255, reduce_zero),
        })
    path = pathlib.Path(__file__).resolve().parent.parent / "Tests/Fixtures/method/miou_cases.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(path, [c["expected"]["mIoU"] for c in out])


if __name__ == "__main__":
    main()
