#!/usr/bin/env python3
"""A tiny random xlm-roberta model and its hidden states, made without tails.

The model: HF's XLMRobertaModel layout (tensors under "roberta.", pooler included), hidden 32,
2 layers, 4 heads, FFN 64, 514 positions, one token type, vocabulary = the Unigram goldens'
tokenizer (tokenizers/xlmr-unigram, copied beside it). Weights are drawn from a fixed seed with a
larger spread than HF's init (0.02), and LayerNorm weights and biases are random too, so every
parameter shows in the outputs.

The hidden states: a short plain re-implementation of XLMRobertaModel's inference in PyTorch 1.13
(float32; exact erf GELU, additive attention mask, RoBERTa position ids = padding_idx + running count
of non-padding ids), checked against a separate float64 NumPy forward. The token ids are
sentencepiece's, read from the Unigram goldens' jsonl files, not tails'.

Run from the repository root:  /usr/bin/python3 scripts/goldens/tiny_xlm_roberta.py
"""
import json
import os
import shutil
import struct

import numpy as np
import torch

MODEL = "src/test/resources/models/tiny-xlm-roberta"
GOLDEN = "src/test/resources/golden/tiny-xlm-roberta"
TOKENIZER = "src/test/resources/tokenizers/xlmr-unigram"
H, LAYERS, HEADS, FFN, POSITIONS, PAD, EPS = 32, 2, 4, 64, 514, 1, 1e-5


def config(vocab_size):
    return {"architectures": ["XLMRobertaModel"], "model_type": "xlm-roberta", "vocab_size": vocab_size,
            "hidden_size": H, "num_hidden_layers": LAYERS, "num_attention_heads": HEADS, "intermediate_size": FFN,
            "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
            "max_position_embeddings": POSITIONS, "type_vocab_size": 1, "initializer_range": 0.02,
            "layer_norm_eps": EPS, "pad_token_id": PAD, "bos_token_id": 0, "eos_token_id": 2,
            "position_embedding_type": "absolute", "use_cache": True, "torch_dtype": "float32"}


def weights(vocab_size):
    g = torch.Generator().manual_seed(20251202)

    def normal(*shape, std=0.2, mean=0.0):
        return (torch.randn(*shape, generator=g) * std + mean).float()

    w = {"embeddings.word_embeddings.weight": normal(vocab_size, H, std=0.5),
         "embeddings.position_embeddings.weight": normal(POSITIONS, H, std=0.5),
         "embeddings.token_type_embeddings.weight": normal(1, H, std=0.5),
         "embeddings.LayerNorm.weight": normal(H, std=0.1, mean=1.0),
         "embeddings.LayerNorm.bias": normal(H, std=0.1)}
    for l in range(LAYERS):
        p = f"encoder.layer.{l}."
        for name, out, inp in (("attention.self.query", H, H), ("attention.self.key", H, H),
                               ("attention.self.value", H, H), ("attention.output.dense", H, H),
                               ("intermediate.dense", FFN, H), ("output.dense", H, FFN)):
            w[p + name + ".weight"] = normal(out, inp)
            w[p + name + ".bias"] = normal(out, std=0.1)
        for ln in ("attention.output.LayerNorm", "output.LayerNorm"):
            w[p + ln + ".weight"] = normal(H, std=0.1, mean=1.0)
            w[p + ln + ".bias"] = normal(H, std=0.1)
    w["pooler.dense.weight"] = normal(H, H)
    w["pooler.dense.bias"] = normal(H, std=0.1)
    return w


def position_ids(ids):
    mask = (ids != PAD).long()
    return torch.cumsum(mask, dim=1) * mask + PAD


def torch_forward(w, ids, attention):
    """XLMRobertaModel inference: [B, T] ids -> hidden states [B, L+1, T, H], pooled [B, H]."""
    def linear(x, name):
        return x @ w[name + ".weight"].T + w[name + ".bias"]

    def norm(x, name):
        return torch.nn.functional.layer_norm(x, (H,), w[name + ".weight"], w[name + ".bias"], EPS)

    b, t = ids.shape
    x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][position_ids(ids)]
         + w["embeddings.token_type_embeddings.weight"][torch.zeros_like(ids)])
    x = norm(x, "embeddings.LayerNorm")
    states = [x]
    additive = (1.0 - attention[:, None, None, :].float()) * torch.finfo(torch.float32).min
    dh = H // HEADS
    for l in range(LAYERS):
        p = f"encoder.layer.{l}."

        def heads(y):
            return y.view(b, t, HEADS, dh).transpose(1, 2)
        q, k, v = (heads(linear(x, p + "attention.self." + n)) for n in ("query", "key", "value"))
        scores = q @ k.transpose(-1, -2) / (dh ** 0.5) + additive
        context = (torch.softmax(scores, dim=-1) @ v).transpose(1, 2).reshape(b, t, H)
        x = norm(linear(context, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
        inner = torch.nn.functional.gelu(linear(x, p + "intermediate.dense"))  # exact erf GELU
        x = norm(linear(inner, p + "output.dense") + x, p + "output.LayerNorm")
        states.append(x)
    pooled = torch.tanh(linear(x[:, 0], "pooler.dense"))
    return torch.stack(states, dim=1), pooled


def np_layer_norm(w, x, name, eps):
    """LayerNorm over the last axis in NumPy (biased variance, as torch), weights named name.weight/.bias."""
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w[name + ".weight"] + w[name + ".bias"]


def np_dense(w, x, name):
    """A torch Linear in NumPy: x @ weight.T + bias."""
    return np.einsum("...i,oi->...o", x, w[name + ".weight"]) + w[name + ".bias"]


def numpy_forward(w, ids, attention):
    """The same maths in float64 NumPy, written apart from the torch one."""
    from math import erf
    w = {k: v.double().numpy() for k, v in w.items()}
    ids = ids.numpy()
    verf = np.vectorize(erf)

    def ln(x, name):
        return np_layer_norm(w, x, name, EPS)

    def dense(x, name):
        return np_dense(w, x, name)

    keep = ids != PAD
    pos = np.cumsum(keep, axis=1) * keep + PAD
    x = ln(w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][pos]
           + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
    states = [x]
    b, t = ids.shape
    dh = H // HEADS
    for l in range(LAYERS):
        p = f"encoder.layer.{l}."
        q, k, v = (dense(x, p + "attention.self." + n).reshape(b, t, HEADS, dh) for n in ("query", "key", "value"))
        s = np.einsum("bqhd,bkhd->bhqk", q, k) / np.sqrt(dh)
        s = np.where(attention.numpy()[:, None, None, :] == 1, s, -np.inf)
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        ctx = np.einsum("bhqk,bkhd->bqhd", s, v).reshape(b, t, H)
        x = ln(dense(ctx, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
        a = dense(x, p + "intermediate.dense")
        x = ln(dense(0.5 * a * (1 + verf(a / np.sqrt(2))), p + "output.dense") + x, p + "output.LayerNorm")
        states.append(x)
    return np.stack(states, axis=1), np.tanh(dense(x[:, 0], "pooler.dense"))


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        a = t.numpy() if isinstance(t, torch.Tensor) else t
        a = np.ascontiguousarray(a.astype(np.int64 if a.dtype.kind in "iu" else np.float32))
        data = a.tobytes()
        header[name] = {"dtype": "I64" if a.dtype == np.int64 else "F32", "shape": list(a.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def golden_ids(set_name):
    with open(os.path.join(TOKENIZER, set_name + ".jsonl"), encoding="utf-8") as f:
        return [json.loads(l)["ids"] for l in f]


worst = 0.0


def run(w, sequences):
    global worst
    t = max(len(s) for s in sequences)
    ids = torch.tensor([s + [PAD] * (t - len(s)) for s in sequences])
    attention = torch.tensor([[1] * len(s) + [0] * (t - len(s)) for s in sequences])
    with torch.no_grad():
        hidden, pooled = torch_forward(w, ids, attention)
    ref_hidden, ref_pooled = numpy_forward(w, ids, attention)
    for i, s in enumerate(sequences):
        worst = max(worst, np.abs(hidden[i, :, :len(s)].double().numpy() - ref_hidden[i, :, :len(s)]).max(),
                    np.abs(pooled[i].double().numpy() - ref_pooled[i]).max())
    return ids, attention, hidden, pooled


def main():
    os.makedirs(MODEL, exist_ok=True)
    os.makedirs(GOLDEN, exist_ok=True)
    shutil.copy(os.path.join(TOKENIZER, "json", "tokenizer.json"), MODEL)
    with open(os.path.join(MODEL, "tokenizer.json"), encoding="utf-8") as f:
        vocab_size = len(json.load(f)["model"]["vocab"])
    with open(os.path.join(MODEL, "config.json"), "w") as f:
        json.dump(config(vocab_size), f, indent=2)
    w = weights(vocab_size)
    write_safetensors(os.path.join(MODEL, "model.safetensors"), {"roberta." + k: v for k, v in w.items()})
    for set_name in ("visible", "multilingual", "pairs"):
        out = {}
        for i, seq in enumerate(golden_ids(set_name)):
            ids, _, hidden, pooled = run(w, [seq])
            out[f"s{i}.input_ids"] = ids[0]
            out[f"s{i}.token_type_ids"] = torch.zeros_like(ids[0])
            out[f"s{i}.position_ids"] = position_ids(ids)[0]
            out[f"s{i}.hidden"] = hidden[0]
            out[f"s{i}.pooled"] = pooled[0]
        write_safetensors(os.path.join(GOLDEN, set_name + ".safetensors"), out)
    ids, attention, hidden, pooled = run(w, golden_ids("visible"))
    write_safetensors(os.path.join(GOLDEN, "visible.batched.safetensors"),
                      {"input_ids": ids, "attention_mask": attention, "token_type_ids": torch.zeros_like(ids),
                       "position_ids": position_ids(ids), "hidden": hidden, "pooled": pooled})
    print(f"torch float32 vs numpy float64: max |difference| {worst:.3g} over every state and pooled output")


if __name__ == "__main__":
    main()
