#!/usr/bin/env python3
"""Makes the ReMEModels test fixtures: tiny random CLIP / DINOv2 checkpoints with reference
outputs, and CLIP tokenizer cases on the real OpenAI vocabulary.

Made with: Python 3.11, torch 2.15.0 (CPU), transformers 5.24.0, tokenizers 0.23.3,
safetensors 0.8.0, numpy 2.4.6, open-clip-torch 3.3.0 (only its bpe_simple_vocab_16e6.txt.gz).

Usage:
    pip download --no-deps open-clip-torch==3.3.0 -d /tmp/oc
    (cd /tmp/oc && unzip -o open_clip_torch-*.whl open_clip/bpe_simple_vocab_16e6.txt.gz)
    python scripts/make_model_fixtures.py --bpe /tmp/oc/open_clip/bpe_simple_vocab_16e6.txt.gz
    python scripts/make_model_fixtures.py --fullsize /tmp/reme-fullsize   # one-off, not committed

Outputs (under Tests/Fixtures/):
    clip/bpe_simple_vocab_16e6.txt.gz   the OpenAI BPE merges (MIT, from open-clip-torch)
    clip/tokenizer_cases.json           sentences and CLIPTokenizer ids (truncated to 77, unpadded)
    models/<name>/{config.json,model.safetensors,reference.safetensors}
"""
import argparse, gzip, json, os, random, shutil, tempfile

import numpy as np
import torch
from safetensors.torch import save_file

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "Tests", "Fixtures")


# ---------------------------------------------------------------- tokenizer
def bytes_to_unicode_chars():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return [chr(c) for c in cs]


def write_vocab_and_merges(bpe_gz, folder):
    """The open_clip / transformers conversion of the OpenAI merges list."""
    lines = gzip.open(bpe_gz).read().decode("utf-8").split("\n")
    merges = lines[1:49152 - 256 - 2 + 1]
    chars = bytes_to_unicode_chars()
    vocab = chars + [c + "</w>" for c in chars] + ["".join(m.split(" ")) for m in merges]
    vocab += ["<|startoftext|>", "<|endoftext|>"]
    json.dump({t: i for i, t in enumerate(vocab)}, open(os.path.join(folder, "vocab.json"), "w"))
    open(os.path.join(folder, "merges.txt"), "w").write("#version: 0.2\n" + "\n".join(merges) + "\n")
    json.dump({"model_max_length": 77, "tokenizer_class": "CLIPTokenizer"},
              open(os.path.join(folder, "tokenizer_config.json"), "w"))


WORDS = """a an the cat dog sofa floor wall ceiling sky cloud tree grass road car bus person people man woman
child photo picture image scene of in on at with and or under over near behind front red green blue white
black yellow small large big tiny huge cute fluffy wooden metal glass stone brick window door table chair
bed lamp rabbit kitten puppy horse cow sheep bird boat train plane bicycle motorcycle street building house
mountain river lake sea beach sand snow water food pizza cake banana apple orange bottle cup bowl plate fork
knife spoon laptop keyboard phone book clock vase scissors teddy bear hair drier toothbrush running jumping
sitting standing looking playing eating drinking sleeping flying walking background foreground texture
colour color striped spotted shiny rusty old new modern ancient beautiful ugly bright dark sunny rainy
isn't don't can't won't it's he's she's they're we've i'm you'll she'd o'clock rock'n'roll""".split()
UNICODE = ["café", "naïve", "résumé", "Zürich", "São Paulo", "jalapeño", "Ærøskøbing", "Straße", "İstanbul",
           "ΣΟΦΙΑ", "Ελλάδα", "Москва", "東京タワー", "北京", "서울", "हिन्दी", "العربية", "עברית", "ไทย",
           "😀", "🐈‍⬛", "👍🏽", "🇫🇷", "❤️", "✨✨", "e\u0301", "A\u030a", "ﬁne", "①②③", "Ⅻ", "½", "x²", "٣٤",
           "\u200b", "\u00ad", "ℌ", "𝔘𝔫𝔦", "ǅ", "ǈ", "Ǆ"]
PUNCT = list(".,;:!?…-–—_/\\|()[]{}<>\"'`~@#$%^&*+=") + ["...", "!!", "?!", "--", "''", "'s", "'ll", "’", "“", "”"]
SPACES = [" ", " ", " ", "  ", "\t", "\n", "\u00a0", "\u3000", "\u2009", "\r\n", "\u2028", "\u0085"]


def random_sentence(rng):
    parts = []
    for _ in range(rng.randint(1, 30)):
        r = rng.random()
        if r < 0.55:
            w = rng.choice(WORDS)
            if rng.random() < 0.15:
                w = w.capitalize()
            elif rng.random() < 0.05:
                w = w.upper()
            parts.append(w)
        elif r < 0.68:
            parts.append(str(rng.choice([rng.randint(0, 9), rng.randint(10, 99999), rng.random() * 100])))
        elif r < 0.82:
            parts.append(rng.choice(UNICODE))
        else:
            parts.append(rng.choice(PUNCT))
    out = ""
    for p in parts:
        out += p if rng.random() < 0.15 else rng.choice(SPACES) + p
    return out


def tokenizer_cases(bpe_gz):
    from transformers import CLIPTokenizer
    folder = tempfile.mkdtemp()
    write_vocab_and_merges(bpe_gz, folder)
    tok = CLIPTokenizer.from_pretrained(folder)
    fixed = ["a photo of a cat", "", "   ", "A PHOTO OF A CAT.", "It's 2024!! Héllo   wörld 😀",
             "<|startoftext|>hello<|endoftext|>", "x<|endoftext|>y", "there is a sofa in the scene",
             "don't stop' 'til you're done'd've", "3.14159 + 2,718 = 5.859", "e\u0301le\u0300ve",
             "ΣΑΣ ΟΔΟΣ σας", "tab\tand\nnewline\r\nend", " leading and trailing ", "a" * 300,
             "supercalifragilisticexpialidocious antidisestablishmentarianism",
             " ".join(["word"] * 120), "😀" * 40, "#hashtag @user https://example.com/path?q=1&r=2",
             "C++ & C# vs. F#; 100% (really)!"]
    rng = random.Random(1234)
    sentences = fixed + [random_sentence(rng) for _ in range(1200)]
    cases = []
    for s in sentences:
        ids = tok(s, truncation=True, max_length=77)["input_ids"]
        cases.append({"text": s, "ids": ids})
    padded = tok(fixed[:3], padding="max_length", truncation=True, max_length=77)["input_ids"]
    shutil.copy(bpe_gz, os.path.join(FIX, "clip", "bpe_simple_vocab_16e6.txt.gz"))
    json.dump({"max_length": 77, "pad_token_id": tok.pad_token_id, "cases": cases,
               "padded_examples": [{"text": s, "ids": p} for s, p in zip(fixed[:3], padded)]},
              open(os.path.join(FIX, "clip", "tokenizer_cases.json"), "w"), ensure_ascii=False)
    print("tokenizer cases:", len(cases))


# ---------------------------------------------------------------- models
def perturb(model, seed):
    """Random init with values large enough that every parameter matters."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() == 1 and ("norm" in name or "layrnorm" in name) and name.endswith("weight"):
                p.copy_(1 + 0.2 * torch.randn(p.shape, generator=g))
            elif "lambda1" in name:
                p.copy_(0.5 + 0.3 * torch.randn(p.shape, generator=g))
            elif p.dim() >= 2 and p.shape[-1] > 1:
                fan_in = p[0].numel()
                p.copy_(torch.randn(p.shape, generator=g) / fan_in ** 0.5)
            else:
                p.copy_(0.1 * torch.randn(p.shape, generator=g))


def save_model(model, name, refs):
    folder = os.path.join(FIX, "models", name)
    shutil.rmtree(folder, ignore_errors=True)
    model.save_pretrained(folder)
    save_file({k: v.detach().float().clone().contiguous() for k, v in refs.items()},
              os.path.join(folder, "reference.safetensors"))


def clip_fixture(root=None, full=False):
    from transformers import CLIPConfig, CLIPModel
    if full:
        cfg = CLIPConfig(text_config=dict(eos_token_id=2, bos_token_id=0, pad_token_id=1),
                         vision_config=dict(patch_size=16), projection_dim=512)
        batch, size, vocab_top = 2, 224, 49407
    else:
        cfg = CLIPConfig(
            text_config=dict(hidden_size=32, intermediate_size=37, num_hidden_layers=2, num_attention_heads=4,
                             vocab_size=1000, max_position_embeddings=77, eos_token_id=999, bos_token_id=998,
                             pad_token_id=1),
            vision_config=dict(hidden_size=48, intermediate_size=70, num_hidden_layers=2, num_attention_heads=4,
                               image_size=48, patch_size=16),
            projection_dim=24)
        batch, size, vocab_top = 2, 48, 999
    torch.manual_seed(0)
    model = CLIPModel(cfg).eval()
    perturb(model, 1)
    g = torch.Generator().manual_seed(2)
    pixels = torch.randn(batch, 3, size, size, generator=g)
    # ids: bos, random body, eos, then eos padding (as CLIPTokenizer pads)
    ids = torch.full((batch, 77), vocab_top, dtype=torch.long)
    lengths = [5, 12]
    for b, n in enumerate(lengths):
        ids[b, 0] = vocab_top - 1
        ids[b, 1:1 + n] = torch.randint(2, vocab_top - 2, (n,), generator=g)
    refs = {"pixel_values": pixels, "input_ids": ids.float()}
    with torch.no_grad():
        v = model.vision_model(pixel_values=pixels)
        refs["vision_last_hidden_state"] = v.last_hidden_state
        refs["vision_pooler_output"] = v.pooler_output
        refs["image_embeds"] = model.visual_projection(v.pooler_output)
        t = model.text_model(input_ids=ids)
        refs["text_last_hidden_state"] = t.last_hidden_state
        refs["text_pooler_output"] = t.pooler_output
        refs["text_embeds"] = model.text_projection(t.pooler_output)
        if not full:
            # the same weights with the legacy eos_token_id == 2 (argmax of the ids) on ids where
            # the two rules pool different positions: row 0 has no eos at all (the current rule
            # then pools position 0, the legacy one the highest id), row 1 an eos inside the text
            ids2 = ids.clone()
            ids2[0, :] = 1
            ids2[0, 0] = 5
            ids2[0, 1:6] = torch.tensor([17, 400, 23, 990, 12])
            ids2[1, 3] = vocab_top
            refs["input_ids_eos_inside"] = ids2.float()
            refs["text_embeds_eos_inside"] = model.text_projection(model.text_model(input_ids=ids2).pooler_output)
            model.text_model.eos_token_id = 2
            refs["text_embeds_eos_inside_legacy"] = model.text_projection(
                model.text_model(input_ids=ids2).pooler_output)
    if full:
        return model, refs
    save_model(model, "clip_tiny", refs)


def dinov2_fixture(name, registers=False, swiglu=False, full_config=None):
    from transformers import Dinov2Config, Dinov2Model, Dinov2WithRegistersConfig, Dinov2WithRegistersModel
    if full_config is not None:
        kw = full_config
    else:
        kw = dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=4, image_size=42, patch_size=14,
                  use_swiglu_ffn=swiglu, layerscale_value=0.7)
    if registers:
        kw = dict(kw, num_register_tokens=kw.get("num_register_tokens", 4))
        model = Dinov2WithRegistersModel(Dinov2WithRegistersConfig(**kw)).eval()
    else:
        model = Dinov2Model(Dinov2Config(**kw)).eval()
    perturb(model, 3)
    g = torch.Generator().manual_seed(4)
    refs = {}
    sizes = [(448, 448)] if full_config is not None else [(42, 42), (56, 70), (28, 28), (70, 42)]
    for h, w in sizes:
        batch = 2 if (h, w) == sizes[0] and full_config is None else 1
        pixels = torch.randn(batch, 3, h, w, generator=g)
        with torch.no_grad():
            out = model(pixel_values=pixels)
        refs[f"pixel_values_{h}x{w}"] = pixels
        refs[f"last_hidden_state_{h}x{w}"] = out.last_hidden_state
        refs[f"pooler_output_{h}x{w}"] = out.pooler_output
    if full_config is not None:
        return model, refs
    save_model(model, name, refs)


def preprocess_fixture():
    """CLIPImageProcessorPil on a small image (without torchvision installed, as here, transformers 5.24's
    CLIPImageProcessor falls back to this PIL backend)."""
    from transformers import CLIPImageProcessor
    from transformers.models.clip.image_processing_pil_clip import CLIPImageProcessorPil
    rng = np.random.default_rng(5)
    h, w = 45, 61
    yy, xx = np.mgrid[0:h, 0:w]
    base = np.stack([xx * 4, yy * 5, (xx + yy) * 2], axis=-1).astype(np.float64)
    image = np.clip(base + rng.normal(0, 25, (h, w, 3)), 0, 255).astype(np.uint8)
    kw = dict(size={"shortest_edge": 32}, crop_size={"height": 28, "width": 28})
    folder = os.path.join(FIX, "models", "preprocess")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    CLIPImageProcessor(**kw).save_pretrained(folder)
    refs = {"image_hwc": torch.from_numpy(image.astype(np.float32))}
    refs["pixel_values_pil"] = CLIPImageProcessorPil(**kw)(image, return_tensors="pt")["pixel_values"]
    save_file({k: v.float().clone().contiguous() for k, v in refs.items()}, os.path.join(folder, "reference.safetensors"))


def fullsize(out):
    """Full-size random checkpoints and references for the REME_FULLSIZE_DIR check (not committed)."""
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(2)
    model, refs = clip_fixture(full=True)
    d = os.path.join(out, "clip-vit-base-patch16"); model.save_pretrained(d)
    save_file({k: v.float().clone().contiguous() for k, v in refs.items()}, os.path.join(d, "reference.safetensors"))
    for name, kw in [("dinov2-base", dict(hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                                          image_size=518, patch_size=14, layerscale_value=1e-5)),
                     ("dinov2-large", dict(hidden_size=1024, num_hidden_layers=24, num_attention_heads=16,
                                           image_size=518, patch_size=14, layerscale_value=1e-5))]:
        model, refs = dinov2_fixture(name, full_config=kw)
        d = os.path.join(out, name); model.save_pretrained(d)
        save_file({k: v.float().clone().contiguous() for k, v in refs.items()}, os.path.join(d, "reference.safetensors"))
        print("wrote", d)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--bpe", help="path to open_clip's bpe_simple_vocab_16e6.txt.gz")
    ap.add_argument("--fullsize", help="write full-size random checkpoints here instead")
    a = ap.parse_args()
    if a.fullsize:
        fullsize(a.fullsize)
    else:
        os.makedirs(os.path.join(FIX, "clip"), exist_ok=True)
        os.makedirs(os.path.join(FIX, "models"), exist_ok=True)
        if a.bpe:
            tokenizer_cases(a.bpe)
        clip_fixture()
        dinov2_fixture("dinov2_tiny")
        dinov2_fixture("dinov2_swiglu", swiglu=True)
        dinov2_fixture("dinov2_registers", registers=True)
        preprocess_fixture()
