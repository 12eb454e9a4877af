#!/usr/bin/env python3
"""Golden tokenizer data for tails' SentencePiece Unigram tokenizer, made without tails.

1. Trains a small SentencePiece Unigram model (Debian's python3-sentencepiece 0.1.97) on English
   sentences (SST, SICK, STS, the WordNet examples) and the multilingual lines of multilingual.json.
2. Writes json/tokenizer.json as transformers' XLMRobertaConverter does: vocabulary <s> <pad> </s> <unk>,
   then the model's pieces from id 3 on (fairseq's offset of 1), then <mask>; unk_id 3; normalizer
   Sequence[Precompiled(the model's charsmap), Strip(right), Replace(" {2,}" -> "▁")]; Metaspace
   (prepend_scheme always); TemplateProcessing <s> A </s> / <s> A </s></s> B </s>; and
   legacy/tokenizer.json as older converters wrote it (Replace(" {2,}" -> " "), add_prefix_space).
3. Encodes every golden input with sentencepiece itself (EncodeAsImmutableProto: pieces, ids and
   byte spans), after splitting the text at the special tokens as HF's added vocabulary does,
   and writes one <set>.jsonl per input set in the layout of the other tokenizer goldens.

Run from the repository root:  /usr/bin/python3 scripts/goldens/unigram_tokenizer.py
"""
import base64
import glob
import json
import os
import re
import sys

import sentencepiece as spm
from sentencepiece import sentencepiece_model_pb2

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join("src", "test", "resources", "tokenizers", "xlmr-unigram")
INPUTS = "/work/shared/golden/inputs"
DATA = "/work/shared/data/senteval"
VOCAB_SIZE = 3000
META = "\u2581"
SPECIALS = ["<s>", "<pad>", "</s>", "<unk>"]  # fairseq ids 0..3


def training_lines():
    lines = []
    for path in sorted(glob.glob(DATA + "/SST/binary/sentiment-train"))[:1]:
        with open(path, encoding="utf-8") as f:
            lines += [l.split("\t")[0].strip() for l in f][:20000]
    for path in sorted(glob.glob(DATA + "/SICK/SICK_train.txt")):
        with open(path, encoding="utf-8") as f:
            for l in list(f)[1:]:
                lines += l.split("\t")[1:3]
    for path in sorted(glob.glob(DATA + "/STS/STSBenchmark/sts-train.csv")):
        with open(path, encoding="utf-8") as f:
            for l in f:
                lines += l.rstrip("\n").split("\t")[5:7]
    with open("src/main/resources/dev/tails/corpus/wordnet-examples.txt", encoding="utf-8") as f:
        lines += [l.strip() for l in f]
    with open(os.path.join(HERE, "multilingual.json"), encoding="utf-8") as f:
        # repeated so that their scripts earn pieces of their own in a mostly English corpus
        lines += json.load(f) * 20
    return [l for l in lines if l.strip()]


def train(prefix):
    corpus = prefix + ".train.txt"
    with open(corpus, "w", encoding="utf-8") as f:
        for l in training_lines():
            f.write(l.replace("\n", " ") + "\n")
    spm.SentencePieceTrainer.train(input=corpus, model_prefix=prefix, vocab_size=VOCAB_SIZE,
                                   model_type="unigram", character_coverage=0.9995,
                                   normalization_rule_name="nmt_nfkc", num_threads=1,
                                   input_sentence_size=0, shuffle_input_sentence=False)
    os.remove(corpus)


class Layout:
    """How a converter lays the spm pieces out: the vocabulary, its special tokens, spm id -> id."""

    def __init__(self, name, specials, first_piece, cls_id, sep_id):
        self.name = name
        self.specials = specials          # [(piece, score)] before the spm pieces
        self.first_piece = first_piece    # the spm pieces from this id on follow them
        self.cls_id = cls_id
        self.sep_id = sep_id

    def vocab(self, proto):
        v = [[p, score] for p, score in self.specials]
        v += [[p.piece, p.score] for p in proto.pieces[self.first_piece:]]
        v.append(["<mask>", 0.0])
        return v

    def special_ids(self, proto):
        """Every special token HF splits off the raw text, by content (the converters add them all)."""
        ids = {p: i for i, (p, _) in enumerate(self.specials)}
        ids["<s>"] = self.cls_id
        ids["</s>"] = self.sep_id
        ids["<mask>"] = len(self.vocab(proto)) - 1
        return ids

    def id(self, sp_id, sp):
        if sp_id == sp.unk_id():
            return 3
        return sp_id - self.first_piece + len(self.specials)


# XLMRobertaConverter: fairseq's <s> <pad> </s> <unk>, then the pieces from spm id 3 (offset 1)
XLMR = Layout("xlm-roberta", [(s, 0.0) for s in SPECIALS], 3, 0, 2)
# CamembertConverter: <s>NOTUSED <pad> </s>NOTUSED <unk> <unk>NOTUSED(-100), then the pieces from spm id 1
CAMEMBERT = Layout("camembert", [("<s>NOTUSED", 0.0), ("<pad>", 0.0), ("</s>NOTUSED", 0.0), ("<unk>", 0.0),
                                 ("<unk>NOTUSED", -100.0)], 1, 5, 6)


def added_tokens(ids):
    return [{"id": i, "content": c, "single_word": False, "lstrip": c == "<mask>", "rstrip": False,
             "normalized": False, "special": True} for c, i in sorted(ids.items(), key=lambda e: e[1])]


def template(layout):
    def special(s):
        return {"SpecialToken": {"id": s, "type_id": 0}}

    def seq(s):
        return {"Sequence": {"id": s, "type_id": 0}}
    return {"type": "TemplateProcessing",
            "single": [special("<s>"), seq("A"), special("</s>")],
            "pair": [special("<s>"), seq("A"), special("</s>"), special("</s>"), seq("B"), special("</s>")],
            "special_tokens": {"<s>": {"id": "<s>", "ids": [layout.cls_id], "tokens": ["<s>"]},
                               "</s>": {"id": "</s>", "ids": [layout.sep_id], "tokens": ["</s>"]}}}


def tokenizer_json(proto, legacy, layout=XLMR):
    v = layout.vocab(proto)
    charsmap = {"type": "Precompiled",
                "precompiled_charsmap": base64.b64encode(proto.normalizer_spec.precompiled_charsmap).decode()}
    if legacy:
        normalizers = [charsmap, {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "}]
        meta = {"type": "Metaspace", "replacement": META, "add_prefix_space": True}
    else:
        normalizers = [charsmap, {"type": "Strip", "strip_left": False, "strip_right": True},
                       {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": META}]
        meta = {"type": "Metaspace", "replacement": META, "prepend_scheme": "always", "split": True}
    return {"version": "1.0", "truncation": None, "padding": None,
            "added_tokens": added_tokens(layout.special_ids(proto)),
            "normalizer": {"type": "Sequence", "normalizers": normalizers},
            "pre_tokenizer": meta, "post_processor": template(layout), "decoder": meta,
            "model": {"type": "Unigram", "unk_id": 3, "vocab": v, "byte_fallback": False}}


def rust_whitespace(c):
    return c in "\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" or "\u2000" <= c <= "\u200a"


def split_specials(text, ids):
    """HF added vocabulary on the raw text: leftmost-longest special tokens, <mask> taking the
    whitespace before it. Yields ("text", start, end) and ("special", id, content, start, end)."""
    pattern = re.compile("|".join(re.escape(s) for s in sorted(ids, key=len, reverse=True)))
    done = 0
    for m in pattern.finditer(text):
        start = m.start()
        if m.group() == "<mask>":
            while start > done and rust_whitespace(text[start - 1]):
                start -= 1
        if done < start:
            yield ("text", done, start)
        yield ("special", ids[m.group()], text[start:m.end()], start, m.end())
        done = m.end()
    if done < len(text):
        yield ("text", done, len(text))


def utf16_index(text):
    """Code point index -> UTF-16 index (the Python wrapper gives piece spans in code points)."""
    index = [0]
    for c in text:
        index.append(index[-1] + (2 if ord(c) > 0xFFFF else 1))
    return index


def encode_side(text, sp, proto, layout):
    tokens = []
    for part in split_specials(text, layout.special_ids(proto)):
        if part[0] == "special":
            _, i, content, s, e = part
            tokens.append((i, content, s, e))
            continue
        _, s, e = part
        segment = text[s:e]
        at = utf16_index(segment)
        base = len(text[:s].encode("utf-16-le")) // 2
        for p in sp.EncodeAsImmutableProto(segment).pieces:
            tokens.append((layout.id(p.id, sp), p.piece, base + at[p.begin], base + at[p.end]))
    return tokens


def record(text, pair, sp, proto, layout):
    cls, sep = ("s", layout.cls_id, "<s>"), ("s", layout.sep_id, "</s>")
    items = [cls] + [("t", t) for t in encode_side(text, sp, proto, layout)] + [sep]
    if pair is not None:
        items += [sep] + [("t", t) for t in encode_side(pair, sp, proto, layout)] + [sep]
    rec = {"text": text}
    if pair is not None:
        rec["text_pair"] = pair
    ids, toks, offs, mask = [], [], [], []
    for item in items:
        if item[0] == "s":
            ids.append(item[1]); toks.append(item[2]); offs.append([0, 0]); mask.append(1)
        else:
            i, piece, s, e = item[1]
            ids.append(i); toks.append(piece); offs.append([s, e]); mask.append(0)
    rec.update({"ids": ids, "tokens": toks, "type_ids": [0] * len(ids), "special_tokens_mask": mask,
                "offsets_utf16": offs})
    return rec


def main():
    os.makedirs(OUT, exist_ok=True)
    prefix = os.path.join(OUT, "spm")
    if not os.path.exists(prefix + ".model"):
        train(prefix)
    os.remove(prefix + ".vocab") if os.path.exists(prefix + ".vocab") else None
    proto = sentencepiece_model_pb2.ModelProto()
    with open(prefix + ".model", "rb") as f:
        proto.ParseFromString(f.read())
    sp = spm.SentencePieceProcessor(model_file=prefix + ".model")
    for route, legacy, layout in (("json", False, XLMR), ("legacy", True, XLMR), ("camembert", False, CAMEMBERT)):
        os.makedirs(os.path.join(OUT, route), exist_ok=True)
        with open(os.path.join(OUT, route, "tokenizer.json"), "w", encoding="utf-8") as f:
            json.dump(tokenizer_json(proto, legacy, layout), f, ensure_ascii=False)
    sets = {n: json.load(open(os.path.join(INPUTS, n + ".json"), encoding="utf-8"))
            for n in ("visible", "edge", "pairs", "adversarial")}
    sets["multilingual"] = json.load(open(os.path.join(HERE, "multilingual.json"), encoding="utf-8"))
    camembert = []
    for name, texts in sets.items():
        skipped = 0
        with open(os.path.join(OUT, name + ".jsonl"), "w", encoding="utf-8") as f:
            for t in texts:
                text, pair = (t[0], t[1]) if isinstance(t, list) else (t, None)
                try:
                    (text + (pair or "")).encode("utf-8")
                except UnicodeEncodeError:
                    skipped += 1  # a lone surrogate: sentencepiece takes UTF-8 only
                    continue
                f.write(json.dumps(record(text, pair, sp, proto, XLMR), ensure_ascii=False) + "\n")
                camembert.append(json.dumps(record(text, pair, sp, proto, CAMEMBERT), ensure_ascii=False))
        print(name, len(texts) - skipped, "lines", skipped, "skipped", file=sys.stderr)
    with open(os.path.join(OUT, "camembert.jsonl"), "w", encoding="utf-8") as f:
        f.write("\n".join(camembert) + "\n")


if __name__ == "__main__":
    main()
