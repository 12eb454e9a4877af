"""Masked-LM heads and golden logits for tiny-bert, tiny-roberta, tiny-distilbert and tiny-electra
(src/test/resources).

    python3 scripts/goldens/tiny_mlm.py     (NumPy and SciPy; pyenv's python3 has both)

1. Cross-checks reference.py's encoder against the committed hidden-state goldens (PyTorch float32,
   HF semantics) of every text of visible/edge/pairs (distilbert and electra: visible/pairs): max
   |diff| 1.2e-6 (bert, roberta), 1.7e-6 / 2.2e-6 (distilbert, electra; the goldens README measured
   1.69e-6 / 2.15e-6 with its own float64 forward), the float32 rounding of PyTorch's own forward;
   bert_fill_mask.py checks the same encoder against a float64 golden to half a float32 ulp.
2. Writes a random head (fixed seed) under HF's names to models/mlm-heads/<model>.safetensors:
   dense, LayerNorm and vocabulary bias only; the decoder is tied to the word embeddings. ELECTRA's
   is a generator's (generator_predictions.dense 32 -> embedding_size 16, its LayerNorm,
   generator_lm_head.bias), added to the discriminator-shaped tiny-electra. tiny-distilbert already
   carries DistilBertForMaskedLM's head (vocab_transform, vocab_layer_norm, vocab_projector.bias;
   tiny_distilbert_electra.py, seed 7) in its model.safetensors, so none is written for it.
3. Writes golden/<model>/visible.mlm.safetensors, per visible text i: s{i}.input_ids, s{i}.transform
   [T, H] (hook_mlm_transform), s{i}.logits [T, C] at the ids `columns` (every 97th id: the full
   [T, vocab] would be megabytes), s{i}.logsumexp [T] and s{i}.argmax [T] over the whole vocabulary.
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference import MaskedLm, read_safetensors, write_safetensors  # noqa: E402

RES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "test", "resources")
SEEDS = {"tiny-bert": 14, "tiny-roberta": 15, "tiny-electra": 16}
MODELS = ("tiny-bert", "tiny-roberta", "tiny-distilbert", "tiny-electra")
CROSS_CHECK_BAR = 2.2e-6
COLUMN_STEP = 97


def load(name):
    folder = os.path.join(RES, "models", name)
    with open(os.path.join(folder, "config.json")) as f:
        config = json.load(f)
    return config, read_safetensors(os.path.join(folder, "model.safetensors"))


def cross_check(name, config, tensors):
    model = MaskedLm(config, tensors)
    worst = 0.0
    for subset in ("visible", "edge", "pairs"):
        if not os.path.exists(os.path.join(RES, "golden", name, subset + ".safetensors")):
            continue
        golden = read_safetensors(os.path.join(RES, "golden", name, subset + ".safetensors"))
        i = 0
        while "s%d.input_ids" % i in golden:
            states = np.stack([s[0] for s in model.hidden_states(
                golden["s%d.input_ids" % i][None, :], golden["s%d.token_type_ids" % i][None, :],
                np.ones((1, len(golden["s%d.input_ids" % i]))))])
            worst = max(worst, np.abs(states - golden["s%d.hidden" % i]).max())
            i += 1
    print("%s: reference vs hidden-state goldens, max |diff| %.3g" % (name, worst))
    assert worst <= CROSS_CHECK_BAR, worst


def random_head(name, config):
    rng = np.random.default_rng(SEEDS[name])
    h, v = config["hidden_size"], config["vocab_size"]
    e = config.get("embedding_size", h)
    dense, norm, bias = MaskedLm(config, {}).head_names()
    head = {
        dense + ".weight": rng.normal(0, h ** -0.5, (e, h)),
        dense + ".bias": rng.normal(0, 0.1, e),
        norm + ".weight": 1 + rng.normal(0, 0.1, e),
        norm + ".bias": rng.normal(0, 0.1, e),
        bias: rng.normal(0, 0.5, v),
    }
    return {k: a.astype(np.float32) for k, a in head.items()}


def main():
    for name in MODELS:
        config, tensors = load(name)
        cross_check(name, config, tensors)
        if name in SEEDS:
            head_file = os.path.join(RES, "models", "mlm-heads", name + ".safetensors")
            os.makedirs(os.path.dirname(head_file), exist_ok=True)
            write_safetensors(head_file, random_head(name, config), {"seed": str(SEEDS[name])})
            tensors.update(read_safetensors(head_file))  # the float32 values as stored
        model = MaskedLm(config, tensors)
        golden = read_safetensors(os.path.join(RES, "golden", name, "visible.safetensors"))
        columns = np.arange(0, config["vocab_size"], COLUMN_STEP)
        out = {"columns": columns.astype(np.int64)}
        i = 0
        while "s%d.input_ids" % i in golden:
            ids = golden["s%d.input_ids" % i]
            _, transform, logits = model.forward_one(ids)
            top = logits.max(-1, keepdims=True)
            key = "s%d." % i
            out[key + "input_ids"] = ids.astype(np.int64)
            out[key + "transform"] = transform.astype(np.float32)
            out[key + "logits"] = logits[:, columns].astype(np.float32)
            out[key + "logsumexp"] = (top[:, 0] + np.log(np.exp(logits - top).sum(-1))).astype(np.float32)
            out[key + "argmax"] = logits.argmax(-1).astype(np.int64)
            i += 1
        target = os.path.join(RES, "golden", name, "visible.mlm.safetensors")
        write_safetensors(target, out, {"made_by": "scripts/goldens/tiny_mlm.py (float64 NumPy reference)"})
        print("%s: %d texts -> %s (%d bytes)" % (name, i, target, os.path.getsize(target)))


if __name__ == "__main__":
    main()
