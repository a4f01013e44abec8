#!/usr/bin/env python3
"""Root document frequencies of two real caption corpora, merged with hand labels.

Reads
  * Tests/Fixtures/text/flickr30k-snli/captions.jsonl — 400 Flickr30k caption sets (five
    crowd-written captions of one photo joined; CC BY-SA 4.0 via SNLI), field "caption";
  * $REME_CAPTION_SET/llava_captions.jsonl (default /tmp/reme-caption-set; made by
    scripts/text_make_caption_set.py, NOT committable: LLaVA data is CC BY-NC 4.0), the rows
    with "kind" == "detail" (106 detailed GPT-4 / LLaVA-v1.5 image descriptions);
  * the existing output file, if any, for its hand labels (label, kind, synonym_of).

Runs `reme phrases - --json` (the project's own chunker, --reme, default .build/debug/reme)
once per corpus: the captions are joined into one text with a sentinel sentence
("Qqqsep.") after each caption, because the command loads WordNet on every call; the
sentinel's phrase splits the output back into documents.

Writes Tests/Fixtures/method/root_statistics.tsv (see Tests/Fixtures/method/README.md):
  root <TAB> flickr30k_df <TAB> llava_detail_df <TAB> label <TAB> kind <TAB> synonym_of
where df = number of documents (caption sets / descriptions) in which some phrase has that
root. Only counts leave this script, never caption text. Every root with df >= --min-df
(default 2) in either corpus is listed, most frequent first (larger of the two relative
frequencies, then the root). A "#! documents" line records the corpus sizes.

Labels are merged by root: a root already in the output keeps its label, kind and
synonym_of; new roots get empty labels and are listed on stderr (label them by hand,
following the README's rules); roots that dropped out are listed too, with their labels,
so they can be restored if wanted. A synonym_of naming a root that is not in the file is
reported.

Rerun (after a chunker change, for instance):
  swift build --product reme
  python3 scripts/text_make_caption_set.py LLAVA_REPO_DIR   # if /tmp/reme-caption-set is gone
  python3 scripts/method_root_statistics.py
Plain Python 3 (no packages).
"""
import argparse
import collections
import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SENTINEL_WORD = "Qqqsep"
COLUMNS = ["root", "flickr30k_df", "llava_detail_df", "label", "kind", "synonym_of"]


def documents_of(path, kind):
    rows = [json.loads(line) for line in pathlib.Path(path).read_text().splitlines() if line.strip()]
    if kind is not None:
        rows = [r for r in rows if r.get("kind") == kind]
    return [r["caption"] for r in rows]


def roots_per_document(reme, captions):
    """One `reme phrases` call for the whole corpus; returns a set of roots per caption."""
    text = " ".join(c.strip().rstrip(".") + f". {SENTINEL_WORD}. " for c in captions)
    result = subprocess.run([str(reme), "phrases", "-", "--json"], input=text, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"reme phrases failed ({result.returncode}): {result.stderr.strip()}")
    docs = [set()]
    for phrase in json.loads(result.stdout):
        if phrase["root"].lower() == SENTINEL_WORD.lower():
            docs.append(set())
        else:
            docs[-1].add(phrase["root"])
    docs = docs[:len(captions)]
    if len(docs) != len(captions):
        sys.exit(f"sentinel split gave {len(docs)} documents for {len(captions)} captions")
    return docs


def document_frequency(docs):
    df = collections.Counter()
    for roots in docs:
        df.update(roots)
    return df


def read_labels(path):
    labels = {}
    if not path.exists():
        return labels
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if not line or line.startswith("#") or line.startswith("root\t"):
            continue
        fields = line.split("\t")
        if len(fields) != len(COLUMNS):
            sys.exit(f"{path}:{number}: expected {len(COLUMNS)} tab-separated fields, found {len(fields)}")
        labels[fields[0]] = (fields[3], fields[4], fields[5])
    return labels


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reme", default=ROOT / ".build/debug/reme")
    parser.add_argument("--flickr", default=ROOT / "Tests/Fixtures/text/flickr30k-snli/captions.jsonl")
    parser.add_argument("--llava", default=pathlib.Path(os.environ.get("REME_CAPTION_SET", "/tmp/reme-caption-set"))
                        / "llava_captions.jsonl")
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "Tests/Fixtures/method/root_statistics.tsv")
    parser.add_argument("--min-df", type=int, default=2)
    args = parser.parse_args()

    flickr_docs = roots_per_document(args.reme, documents_of(args.flickr, None))
    llava_docs = roots_per_document(args.reme, documents_of(args.llava, "detail"))
    flickr, llava = document_frequency(flickr_docs), document_frequency(llava_docs)
    nf, nl = len(flickr_docs), len(llava_docs)

    roots = [r for r in set(flickr) | set(llava) if max(flickr[r], llava[r]) >= args.min_df]
    roots.sort(key=lambda r: (-max(flickr[r] / nf, llava[r] / nl), r))
    old = read_labels(args.out)

    lines = [
        "# Root document frequencies of two caption corpora and hand labels; made by",
        "# scripts/method_root_statistics.py, labels by hand (README.md in this folder).",
        f"#! documents flickr30k_df={nf} llava_detail_df={nl}",
        "\t".join(COLUMNS),
    ]
    unlabelled = []
    for r in roots:
        label, kind, synonym = old.get(r, ("", "", ""))
        if not label:
            unlabelled.append(r)
        lines.append("\t".join([r, str(flickr[r]), str(llava[r]), label, kind, synonym]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n")

    listed = set(roots)
    gone = sorted(r for r in old if r not in listed)
    dangling = sorted({old[r][2] for r in roots if r in old and old[r][2] and old[r][2] not in listed})
    print(f"{len(roots)} roots ({nf} Flickr30k caption sets, {nl} LLaVA detail descriptions) -> {args.out}")
    if unlabelled:
        print(f"{len(unlabelled)} unlabelled roots (label them): " + ", ".join(unlabelled), file=sys.stderr)
    if gone:
        print(f"{len(gone)} labelled roots no longer listed: "
              + ", ".join(f"{r} ({'/'.join(x for x in old[r] if x)})" for r in gone), file=sys.stderr)
    if dangling:
        print("synonym_of names roots not in the file: " + ", ".join(dangling), file=sys.stderr)


if __name__ == "__main__":
    main()
