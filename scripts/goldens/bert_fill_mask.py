"""Fill-mask reference for bert-base-cased: top-10 per [MASK] of each line of fill-mask.txt.

    python3 scripts/goldens/bert_fill_mask.py [WEIGHTS_DIR] [SHARED_GOLDEN_DIR]
    (defaults: weights/bert-base-cased and ../shared/golden)

First checks reference.py's encoder against the float64 hidden-state golden of bert-base-cased
(shared golden visible.safetensors; stored as float32, so the bar is half a float32 ulp), when
that folder is there. Then, like transformers' fill-mask pipeline: tokenize (a plain BERT cased
tokenizer written here: [MASK] kept whole, whitespace and punctuation split, greedy WordPiece),
softmax over the vocabulary at each mask in float64, and for each of the 10 best tokens: id,
token_str (the token decoded alone), probability and the sequence with the token filled in,
decoded without special tokens for one mask and with them for several (as the pipeline does),
spaces cleaned up as HF's clean_up_tokenization. Writes golden/bert-base-cased/fill-mask.json.
"""
import json
import os
import sys
import unicodedata

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference import MaskedLm, read_safetensors, softmax  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
GOLDEN = os.path.join(ROOT, "src", "test", "resources", "golden", "bert-base-cased")
TOP = 10
SPECIALS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")


def is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def words(text):
    """HF BasicTokenizer for a cased model on plain text: whitespace split, punctuation split off."""
    out = []
    for chunk in text.split():
        current = ""
        for ch in chunk:
            if is_punctuation(ch):
                if current:
                    out.append(current)
                out.append(ch)
                current = ""
            else:
                current += ch
        if current:
            out.append(current)
    return out


def wordpiece(word, vocab):
    if len(word) > 100:
        return ["[UNK]"]
    pieces, start = [], 0
    while start < len(word):
        for end in range(len(word), start, -1):
            piece = ("##" if start else "") + word[start:end]
            if piece in vocab:
                pieces.append(piece)
                start = end
                break
        else:
            return ["[UNK]"]
    return pieces


def tokenize(text, vocab):
    tokens = ["[CLS]"]
    for i, part in enumerate(text.split("[MASK]")):
        if i:
            tokens.append("[MASK]")
        for w in words(part):
            tokens.extend(wordpiece(w, vocab))
    tokens.append("[SEP]")
    return tokens


def decode(tokens, skip_special):
    """HF's WordPiece decoder + clean_up_tokenization."""
    kept = [t for t in tokens if not (skip_special and t in SPECIALS)]
    text = ""
    for i, t in enumerate(kept):
        text += t[2:] if i and t.startswith("##") else (" " + t if i else t)
    for dirty, clean in ((" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"), (" n't", "n't"),
                         (" 'm", "'m"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re")):
        text = text.replace(dirty, clean)
    return text


def cross_check(model, golden_dir):
    path = os.path.join(golden_dir, "bert-base-cased", "visible.safetensors")
    if not os.path.isfile(path):
        print("no %s: encoder cross-check skipped" % path)
        return
    golden = read_safetensors(path)
    worst = 0.0
    i = 0
    while "s%d.input_ids" % i in golden:
        states, _, _ = model.forward_one(golden["s%d.input_ids" % i])
        ulp = np.spacing(np.abs(states).astype(np.float32)).astype(np.float64)
        worst = max(worst, (np.abs(states - golden["s%d.hidden" % i]) / ulp).max())
        i += 1
    print("encoder vs %s: max |diff| %.3f float32 ulp over %d texts" % (path, worst, i))
    assert worst <= 0.5 + 1e-6, worst


def main():
    weights = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "weights", "bert-base-cased")
    golden_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "..", "shared", "golden")
    with open(os.path.join(weights, "config.json")) as f:
        config = json.load(f)
    with open(os.path.join(weights, "vocab.txt"), encoding="utf-8") as f:
        id_to_token = f.read().split("\n")[:config["vocab_size"]]
    vocab = {t: i for i, t in reversed(list(enumerate(id_to_token)))}
    model = MaskedLm(config, read_safetensors(os.path.join(weights, "model.safetensors")))
    cross_check(model, golden_dir)
    with open(os.path.join(GOLDEN, "fill-mask.txt"), encoding="utf-8") as f:
        texts = [line.rstrip("\n") for line in f if line.strip()]
    sentences = []
    for text in texts:
        tokens = tokenize(text, vocab)
        ids = [vocab[t] for t in tokens]
        _, _, logits = model.forward_one(ids)
        positions = [p for p, t in enumerate(tokens) if t == "[MASK]"]
        masks = []
        for p in positions:
            probs = softmax(logits[p])
            best = np.argsort(-probs, kind="stable")[:TOP]
            top = []
            for k in best:
                filled = list(tokens)
                filled[p] = id_to_token[k]
                top.append({"id": int(k), "token_str": decode([id_to_token[k]], False),
                            "probability": float(probs[k]), "sequence": decode(filled, len(positions) == 1)})
            masks.append({"position": p, "top": top})
        sentences.append({"text": text, "input_ids": ids, "masks": masks})
        print(text, "->", [m["top"][0]["token_str"] for m in masks])
    out = {"model": "bert-base-cased", "top": TOP,
           "made_by": "scripts/goldens/bert_fill_mask.py: float64 NumPy BertForMaskedLM over the folder's safetensors",
           "sentences": sentences}
    with open(os.path.join(GOLDEN, "fill-mask.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
