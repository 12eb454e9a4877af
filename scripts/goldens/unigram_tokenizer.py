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


def vocab(proto):
    """XLMRobertaConverter.vocab: the four fairseq specials, pieces[3:], <mask>."""
    v = [[s, 0.0] for s in SPECIALS]
    v += [[p.piece, p.score] for p in proto.pieces[3:]]
    v.append(["<mask>", 0.0])
    return v


def added_tokens(mask_id):
    def tok(i, content, lstrip=False):
        return {"id": i, "content": content, "single_word": False, "lstrip": lstrip, "rstrip": False,
                "normalized": False, "special": True}
    return [tok(i, s) for i, s in enumerate(SPECIALS)] + [tok(mask_id, "<mask>", lstrip=True)]


def template():
    def special(s):
        return {"SpecialToken": {"id": s, "type_id": 0}}

    def seq(s):
        return {"Sequence": {"id": s, "type_id": 0}}
    return {"type": "TemplateProcessing",
            "single": [special("<s>"), seq("A"), special("</s>")],
            "pair": [special("<s>"), seq("A"), special("</s>"), special("</s>"), seq("B"), special("</s>")],
            "special_tokens": {"<s>": {"id": "<s>", "ids": [0], "tokens": ["<s>"]},
                               "</s>": {"id": "</s>", "ids": [2], "tokens": ["</s>"]}}}


def tokenizer_json(proto, legacy):
    v = vocab(proto)
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
            "added_tokens": added_tokens(len(v) - 1),
            "normalizer": {"type": "Sequence", "normalizers": normalizers},
            "pre_tokenizer": meta, "post_processor": template(), "decoder": meta,
            "model": {"type": "Unigram", "unk_id": 3, "vocab": v, "byte_fallback": False}}


def fairseq_id(sp_id, sp):
    """XLM-R's fairseq dictionary: <s>=0 <pad>=1 </s>=2 <unk>=3, then spm id + 1."""
    if sp_id == sp.unk_id():
        return 3
    if sp_id == sp.bos_id():
        return 0
    if sp_id == sp.eos_id():
        return 2
    return sp_id + 1


def rust_whitespace(c):
    return c in "\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" or "\u2000" <= c <= "\u200a"


def split_specials(text, mask_id):
    """HF added vocabulary on the raw text: leftmost-longest special tokens, <mask> taking the
    whitespace before it. Yields ("text", start, end) and ("special", id, content, start, end)."""
    ids = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "<mask>": mask_id}
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


def encode_side(text, sp, mask_id):
    tokens = []
    for part in split_specials(text, mask_id):
        if part[0] == "special":
            _, i, content, s, e = part
            tokens.append((i, content, s, e))
            continue
        _, s, e = part
        segment = text[s:e]
        at = utf16_index(segment)
        base = len(text[:s].encode("utf-16-le")) // 2
        for p in sp.EncodeAsImmutableProto(segment).pieces:
            tokens.append((fairseq_id(p.id, sp), p.piece, base + at[p.begin], base + at[p.end]))
    return tokens


def record(text, pair, sp, mask_id):
    a = encode_side(text, sp, mask_id)
    layout = [("s", 0, "<s>")] + [("t", t) for t in a] + [("s", 2, "</s>")]
    if pair is not None:
        b = encode_side(pair, sp, mask_id)
        layout += [("s", 2, "</s>")] + [("t", t) for t in b] + [("s", 2, "</s>")]
    rec = {"text": text}
    if pair is not None:
        rec["text_pair"] = pair
    ids, toks, offs, mask = [], [], [], []
    for item in layout:
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
    for route, legacy in (("json", False), ("legacy", True)):
        os.makedirs(os.path.join(OUT, route), exist_ok=True)
        with open(os.path.join(OUT, route, "tokenizer.json"), "w", encoding="utf-8") as f:
            json.dump(tokenizer_json(proto, legacy), f, ensure_ascii=False)
    mask_id = len(proto.pieces) + 1
    sets = {n: json.load(open(os.path.join(INPUTS, n + ".json"), encoding="utf-8"))
            for n in ("visible", "edge", "pairs", "adversarial")}
    sets["multilingual"] = json.load(open(os.path.join(HERE, "multilingual.json"), encoding="utf-8"))
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
                f.write(json.dumps(record(text, pair, sp, mask_id), ensure_ascii=False) + "\n")
        print(name, len(texts) - skipped, "lines", skipped, "skipped", file=sys.stderr)


if __name__ == "__main__":
    main()
