#!/usr/bin/env python3
"""PyTorch CPU baseline for `reme-bench encoder`: same folder, same input size, 2 threads.
Versions: torch 2.15.0, transformers 5.24.0.
Usage: models_torch.py FOLDER SIZE [BATCH] [REPEATS]     image tower on random pixels
       models_torch.py FOLDER text N [REPEATS]           CLIP text tower, N prompts padded to 77"""
import resource, sys, time
import torch
from transformers import AutoConfig, CLIPVisionModelWithProjection, AutoModel

folder = sys.argv[1]
text_mode = sys.argv[2] == "text"
size = 0 if text_mode else int(sys.argv[2])
batch = int(sys.argv[3]) if len(sys.argv) > 3 else 1
repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
torch.set_num_threads(2)
start = time.time()
config = AutoConfig.from_pretrained(folder)
if text_mode:
    from transformers import CLIPModel, CLIPTokenizer
    model = CLIPModel.from_pretrained(folder).eval()
    tokens = CLIPTokenizer.from_pretrained(folder)(
        [f"a photo of a thing number {i}, seen from the side." for i in range(batch)],  # = reme-bench encoder --texts
        padding="max_length", max_length=77, return_tensors="pt")
    run = lambda x: model.get_text_features(**tokens)
elif config.model_type == "clip":
    from transformers import CLIPModel
    model = CLIPModel.from_pretrained(folder).eval()
    run = lambda x: model.get_image_features(pixel_values=x)
else:
    model = AutoModel.from_pretrained(folder).eval()
    run = lambda x: model(pixel_values=x)
load = time.time() - start
x = torch.rand(batch, 3, size, size) * 2 - 1
with torch.inference_mode():
    run(x)
    times = []
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    for _ in range(repeats):
        t = time.time(); run(x); times.append(time.time() - t)
    r1 = resource.getrusage(resource.RUSAGE_SELF)
cpu = (r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime) / repeats
best = min(times)
what = f"texts={batch}" if text_mode else f"size={size} batch={batch}"
print(f"torch model={folder} {what} threads=2 load={load:.2f}s best={best:.3f}s "
      f"per_item={best / batch:.4f}s median={sorted(times)[len(times) // 2]:.3f}s cpu_per_run={cpu:.2f}s "
      f"peak_rss={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}MB")
