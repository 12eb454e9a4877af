#!/usr/bin/env python3
"""A small Unigram tokenizer.json for the tokenizer-json fuzz target and the unit tests: a 29-piece
SentencePiece model whose normalization rules are a handful written here (so its charsmap is a few
hundred bytes, not nmt_nfkc's 240 KB), in the XLMRobertaConverter layout of unigram_tokenizer.py.

Run from the repository root:  /usr/bin/python3 scripts/goldens/unigram_fuzz_seed.py
"""
import json
import os
import sys
import tempfile

import sentencepiece as spm
from sentencepiece import sentencepiece_model_pb2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from unigram_tokenizer import tokenizer_json  # noqa: E402

RULES = {  # source code points -> replacement code points
    (0xFB01,): (0x66, 0x69),        # ﬁ -> fi
    (0xFF21,): (0x41,),             # full-width A -> A
    (0x65, 0x301): (0xE9,),         # e + combining acute -> é
    (0x09,): (0x20,),               # tab -> space
    (0x200B,): (),                  # zero width space -> deleted
    (0x2167,): (0x56, 0x49, 0x49, 0x49),  # Ⅷ -> VIII
}
TEXT = ["the cat sat on the mat", "a fine café", "VIII cats", "the final fit"] * 50


def main():
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "rules.tsv"), "w", encoding="utf-8") as f:
            for src, dst in RULES.items():
                f.write(" ".join("%X" % c for c in src) + "\t" + " ".join("%X" % c for c in dst) + "\n")
        with open(os.path.join(tmp, "text.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(TEXT) + "\n")
        spm.SentencePieceTrainer.train(input=os.path.join(tmp, "text.txt"), model_prefix=os.path.join(tmp, "m"),
                                       vocab_size=29, model_type="unigram", character_coverage=1.0,
                                       normalization_rule_tsv=os.path.join(tmp, "rules.tsv"), num_threads=1)
        proto = sentencepiece_model_pb2.ModelProto()
        with open(os.path.join(tmp, "m.model"), "rb") as f:
            proto.ParseFromString(f.read())
    out = "src/test/resources/fuzz/tokenizer-json/seeds/unigram.json"
    with open(out, "w", encoding="utf-8") as f:
        json.dump(tokenizer_json(proto, legacy=False), f, ensure_ascii=False, indent=1)
    print(out, os.path.getsize(out), "bytes;", len(proto.normalizer_spec.precompiled_charsmap), "charsmap bytes")


if __name__ == "__main__":
    main()
