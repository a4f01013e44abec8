#!/usr/bin/env python3
"""Builds $REME_CAPTION_SET/llava_captions.jsonl (default /tmp/reme-caption-set; not committed): 376 real image descriptions.

Source: the LLaVA repository (github.com/haotian-liu/LLaVA, commit
32cebc3809441cc40d8ac7b2855d148308741f2a, code Apache-2.0; data CC BY-NC 4.0 per its
README, "should abide by the policy of OpenAI"): the descriptions and answers about COCO
val2014 images written by GPT-4 (playground/data/coco2014_val_qa_eval/qa90_gpt4_answer.jsonl,
playground/data/coco2014_val_gpt4_qa_30x3.jsonl) and LLaVA-v1.5-13B's and -7B's answers on
LLaVA-Bench (in-the-wild) (playground/data/eval/llava-bench-in-the-wild/answers/llava-v1.5-{13b,7b}.jsonl).
Also the COCO val2014 human captions of llava/eval/table/caps_boxes_coco2014_val_80.jsonl
(COCO annotations: CC BY 4.0), five per image joined with spaces.
Category "detail" first (full detailed descriptions), then "conv" answers, then the rest.
Run with plain Python 3.11 (no packages): python3 scripts/text_make_caption_set.py REPO_DIR
"""
import json, sys, pathlib

repo = pathlib.Path(sys.argv[1])
rows = []
for line in (repo / "playground/data/coco2014_val_qa_eval/qa90_gpt4_answer.jsonl").read_text().splitlines():
    r = json.loads(line)
    rows.append(("gpt4-qa90", r["category"], r["text"]))
for line in (repo / "playground/data/coco2014_val_gpt4_qa_30x3.jsonl").read_text().splitlines():
    r = json.loads(line)
    rows.append(("gpt4-30x3", r["type"], r["output"]))
for line in (repo / "playground/data/eval/llava-bench-in-the-wild/answers/llava-v1.5-13b.jsonl").read_text().splitlines():
    r = json.loads(line)
    kind = "detail" if "detail" in r["prompt"].lower() or "describe" in r["prompt"].lower() else "conv"
    rows.append(("llava-v1.5-13b-bench", kind, r["text"]))
for line in (repo / "playground/data/eval/llava-bench-in-the-wild/answers/llava-v1.5-7b.jsonl").read_text().splitlines():
    r = json.loads(line)
    kind = "detail" if "detail" in r["prompt"].lower() or "describe" in r["prompt"].lower() else "conv"
    rows.append(("llava-v1.5-7b-bench", kind, r["text"]))
# COCO val2014 human captions (CC BY 4.0), five per image, joined with spaces as
# `reme caption --from` joins a COCO captions file.
for line in (repo / "llava/eval/table/caps_boxes_coco2014_val_80.jsonl").read_text().splitlines():
    r = json.loads(line)
    rows.append(("coco-val2014-human", "captions", " ".join(c.strip() for c in r["captions"])))
# Four LLaVA-Bench answers are HTML/JavaScript listings, not descriptions: left out.
rows = [r for r in rows if "```" not in r[2]]
order = {"detail": 0, "conv": 1}
rows.sort(key=lambda r: order.get(r[1], 2))
import os
folder = pathlib.Path(os.environ.get("REME_CAPTION_SET", "/tmp/reme-caption-set"))
folder.mkdir(parents=True, exist_ok=True)
out = folder / "llava_captions.jsonl"
with out.open("w") as f:
    for i, (source, kind, text) in enumerate(rows):
        f.write(json.dumps({"id": i, "source": source, "kind": kind, "caption": text}) + "\n")
print(len(rows), "captions ->", out)
