"""Cross-checks Tests/Fixtures/method/miou_cases.json against mmsegmentation's own IoUMetric
code (not a transcription): loads mmseg/evaluation/metrics/iou_metric.py from the
mmsegmentation 1.2.2 wheel with its registry import stubbed (the package itself needs an mmcv
build), runs `intersect_and_union` per image and `total_area_to_metrics`, and compares.

Made with: Python 3.11, torch 2.15.0, mmengine 0.10.7, prettytable 3.18.0, numpy 2.4.6, mmsegmentation 1.2.2.
Usage: pip download --no-deps mmsegmentation==1.2.2 -d /tmp/mmseg && (cd /tmp/mmseg && unzip -o *.whl)
       python scripts/check_miou_against_mmseg.py /tmp/mmseg
"""
import importlib.util, json, sys, types
import numpy as np, torch

root = sys.argv[1]
registry = types.ModuleType("mmseg.registry")
class _Registry:
    def register_module(self, *a, **k):
        return lambda cls: cls
registry.METRICS = _Registry()
sys.modules["mmseg"] = types.ModuleType("mmseg")
sys.modules["mmseg.registry"] = registry
spec = importlib.util.spec_from_file_location("iou_metric", f"{root}/mmseg/evaluation/metrics/iou_metric.py")
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
IoUMetric = module.IoUMetric

worst = 0.0
cases = json.load(open("Tests/Fixtures/method/miou_cases.json"))
for case in cases:
    n, ignore, reduce = case["num_classes"], case["ignore_index"], case["reduce_zero_label"]
    areas = [torch.zeros(n, dtype=torch.float64) for _ in range(4)]
    for image in case["images"]:
        shape = (image["height"], image["width"])
        pred = torch.tensor(np.array(image["prediction"]).reshape(shape))
        label = torch.tensor(np.array(image["label"]).reshape(shape))
        if reduce:  # what mmseg's LoadAnnotations(reduce_zero_label=True) does before the metric
            label = label.clone()
            label[label == 0] = 255
            label = label - 1
            label[label == 254] = 255
        for total, part in zip(areas, IoUMetric.intersect_and_union(pred, label, n, ignore)):
            total += part.double()
    metrics = IoUMetric.total_area_to_metrics(*areas, ["mIoU"])
    iou = np.asarray(metrics["IoU"], dtype=np.float64) * 100
    expected = case["expected"]
    mine = np.array([np.nan if v is None else v for v in expected["per_class_iou"]])
    assert np.array_equal(np.isnan(iou), np.isnan(mine)), case["name"]
    diff = np.nanmax(np.abs(iou - mine)) if not np.all(np.isnan(iou)) else 0.0
    miou = np.nanmean(iou)
    diff = max(diff, abs(miou - expected["mIoU"]))
    aacc = float(metrics["aAcc"]) * 100
    diff = max(diff, abs(aacc - expected["aAcc"]))
    worst = max(worst, diff)
    print(f"{case['name']}: mIoU {miou:.6f} (fixture {expected['mIoU']:.6f}), max |Δ| {diff:.2e}")
print(f"all {len(cases)} cases: max |Δ| {worst:.2e}")
