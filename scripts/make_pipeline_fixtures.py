"""Tokenizer files for the tiny CLIP fixture (vocab_size 1000, bos 998, eos 999), so the
command-line tests can load a complete CLIP folder: the real CLIP BPE truncated to the first
486 merges (byte tokens 0-511, merges 512-997, <|startoftext|> 998, <|endoftext|> 999).

Made with Python 3.11 from Tests/Fixtures/clip/bpe_simple_vocab_16e6.txt.gz (open-clip-torch).
Usage: python3 scripts/make_pipeline_fixtures.py
"""
import gzip, json, pathlib

def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b); cs.append(256 + n); n += 1
    return dict(zip(bs, map(chr, cs)))

lines = gzip.open("Tests/Fixtures/clip/bpe_simple_vocab_16e6.txt.gz").read().decode("utf-8").split("\n")
merges = [tuple(l.split()) for l in lines[1:1 + 486]]
alphabet = list(bytes_to_unicode().values())
vocab = alphabet + [a + "</w>" for a in alphabet] + ["".join(m) for m in merges] + ["<|startoftext|>", "<|endoftext|>"]
assert len(vocab) == 1000
out = pathlib.Path("Tests/Fixtures/pipeline/clip_tiny_tokenizer")
out.mkdir(parents=True, exist_ok=True)
(out / "vocab.json").write_text(json.dumps({t: i for i, t in enumerate(vocab)}, ensure_ascii=False))
(out / "merges.txt").write_text("#version: 0.2\n" + "\n".join(" ".join(m) for m in merges) + "\n")
print("wrote", out, len(vocab), "tokens", len(merges), "merges")
