#!/usr/bin/env python3
"""Tiny random distilbert and electra models and their hidden states, made without tails.

The models: HF's DistilBertModel and ElectraModel layouts (config.json in each family's own field
names, tensors under "distilbert." / "electra." plus the unused heads real checkpoints carry), hidden
32, 2 layers, 4 heads, FFN 64, 512 positions; ELECTRA with embedding_size 16, so embeddings_project
(16 -> 32) runs after the embedding LayerNorm. The vocabulary is a subset of tiny-bert's vocab.txt
(specials, every single character with and without "##", and every piece of the texts below) in the
original order; WordPiece's greedy longest match picks the same pieces from a subset that holds the
pieces it picked from the whole vocabulary, so the token ids are tiny-bert's goldens' ids (HF's
tokenizer, golden/tiny-bert) mapped to their rank in the subset.

The hidden states: short plain re-implementations of DistilBertModel's and ElectraModel's inference in
PyTorch 1.13 written from HF's modeling_distilbert.py / modeling_electra.py (float32, exact erf GELU;
DistilBERT: word + position, LayerNorm eps 1e-12, q scaled by 1/sqrt(dh) before q.k, masked_fill with
the float32 minimum, no token types; ELECTRA: BERT's embeddings at width 16, LayerNorm, projection,
BERT's blocks with the additive mask), checked against one float64 NumPy forward of the post-LN block.

Run from the repository root:  /usr/bin/python3 scripts/goldens/tiny_distilbert_electra.py
"""
import json
import os
import struct

import numpy as np
import torch

from tiny_xlm_roberta import np_dense, np_layer_norm, write_safetensors

TINY_BERT = "src/test/resources/models/tiny-bert/vocab.txt"
BERT_GOLDEN = "src/test/resources/golden/tiny-bert"
H, LAYERS, HEADS, FFN, POSITIONS, E, EPS = 32, 2, 4, 64, 512, 16, 1e-12
SETS = ("visible", "pairs")


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    dtypes = {"I64": np.int64, "F32": np.float32}
    return {k: np.frombuffer(data[8 + n + v["data_offsets"][0]:8 + n + v["data_offsets"][1]],
                             dtype=dtypes[v["dtype"]]).reshape(v["shape"])
            for k, v in header.items() if k != "__metadata__"}


def golden_sequences():
    """Per set: (input ids, token type ids) per text from tiny-bert's goldens (HF's tokenizer)."""
    out = {}
    for s in SETS:
        g = read_safetensors(os.path.join(BERT_GOLDEN, s + ".safetensors"))
        n = len([k for k in g if k.endswith(".input_ids")])
        out[s] = [(g[f"s{i}.input_ids"].tolist(), g[f"s{i}.token_type_ids"].tolist()) for i in range(n)]
    return out


def subset_vocab(sequences):
    with open(TINY_BERT, encoding="utf-8") as f:
        vocab = [line.rstrip("\n") for line in f]
    used = {i for seqs in sequences.values() for ids, _ in seqs for i in ids}
    keep = [i for i, t in enumerate(vocab) if i in used or t in ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
            or len(t) == 1 or (t.startswith("##") and len(t) == 3)]
    return [vocab[i] for i in keep], {old: new for new, old in enumerate(keep)}


def normal(g, *shape, std=0.2, mean=0.0):
    return (torch.randn(*shape, generator=g) * std + mean).float()


def add_block_weights(g, w, prefix, linears, norms):
    """Random Linear (weight N(0, 0.2), bias N(0, 0.1)) and LayerNorm (N(1, 0.1), N(0, 0.1)) tensors of every layer."""
    for l in range(LAYERS):
        p = f"{prefix}.{l}."
        for name, out, inp in linears:
            w[p + name + ".weight"] = normal(g, out, inp)
            w[p + name + ".bias"] = normal(g, out, std=0.1)
        for ln in norms:
            w[p + ln + ".weight"] = normal(g, H, std=0.1, mean=1.0)
            w[p + ln + ".bias"] = normal(g, H, std=0.1)
    return w


def distilbert_weights(vocab_size):
    g = torch.Generator().manual_seed(20251203)
    w = {"embeddings.word_embeddings.weight": normal(g, vocab_size, H, std=0.5),
         "embeddings.position_embeddings.weight": normal(g, POSITIONS, H, std=0.5),
         "embeddings.LayerNorm.weight": normal(g, H, std=0.1, mean=1.0),
         "embeddings.LayerNorm.bias": normal(g, H, std=0.1)}
    return add_block_weights(g, w, "transformer.layer",
                             (("attention.q_lin", H, H), ("attention.k_lin", H, H), ("attention.v_lin", H, H),
                              ("attention.out_lin", H, H), ("ffn.lin1", FFN, H), ("ffn.lin2", H, FFN)),
                             ("sa_layer_norm", "output_layer_norm"))


def electra_weights(vocab_size):
    g = torch.Generator().manual_seed(20251204)
    w = {"embeddings.word_embeddings.weight": normal(g, vocab_size, E, std=0.5),
         "embeddings.position_embeddings.weight": normal(g, POSITIONS, E, std=0.5),
         "embeddings.token_type_embeddings.weight": normal(g, 2, E, std=0.5),
         "embeddings.LayerNorm.weight": normal(g, E, std=0.1, mean=1.0),
         "embeddings.LayerNorm.bias": normal(g, E, std=0.1),
         "embeddings_project.weight": normal(g, H, E, std=0.3),
         "embeddings_project.bias": normal(g, H, std=0.1)}
    return add_block_weights(g, w, "encoder.layer",
                             (("attention.self.query", H, H), ("attention.self.key", H, H),
                              ("attention.self.value", H, H), ("attention.output.dense", H, H),
                              ("intermediate.dense", FFN, H), ("output.dense", H, FFN)),
                             ("attention.output.LayerNorm", "output.LayerNorm"))


def linear(w, x, name):
    return x @ w[name + ".weight"].T + w[name + ".bias"]


def norm(w, x, name):
    return torch.nn.functional.layer_norm(x, (x.shape[-1],), w[name + ".weight"], w[name + ".bias"], EPS)


def distilbert_forward(w, ids, types, attention):
    """DistilBertModel inference (token types are not an input): [B, T] -> hidden states [B, L+1, T, H]."""
    b, t = ids.shape
    dh = H // HEADS
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][torch.arange(t)][None]
    x = norm(w, x, "embeddings.LayerNorm")
    states = [x]
    masked = (attention == 0)[:, None, None, :]
    for l in range(LAYERS):
        p = f"transformer.layer.{l}."

        def heads(y):
            return y.view(b, t, HEADS, dh).transpose(1, 2)
        q = heads(linear(w, x, p + "attention.q_lin")) / (dh ** 0.5)
        k, v = heads(linear(w, x, p + "attention.k_lin")), heads(linear(w, x, p + "attention.v_lin"))
        scores = (q @ k.transpose(2, 3)).masked_fill(masked, torch.finfo(torch.float32).min)
        context = (torch.softmax(scores, dim=-1) @ v).transpose(1, 2).reshape(b, t, H)
        sa = norm(w, linear(w, context, p + "attention.out_lin") + x, p + "sa_layer_norm")
        ffn = linear(w, torch.nn.functional.gelu(linear(w, sa, p + "ffn.lin1")), p + "ffn.lin2")
        x = norm(w, ffn + sa, p + "output_layer_norm")
        states.append(x)
    return torch.stack(states, dim=1)


def electra_forward(w, ids, types, attention):
    """ElectraModel inference: [B, T] ids and token types -> hidden states [B, L+1, T, H]."""
    b, t = ids.shape
    dh = H // HEADS
    x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.token_type_embeddings.weight"][types]
         + w["embeddings.position_embeddings.weight"][torch.arange(t)][None])
    x = linear(w, norm(w, x, "embeddings.LayerNorm"), "embeddings_project")
    states = [x]
    additive = (1.0 - attention[:, None, None, :].float()) * torch.finfo(torch.float32).min
    for l in range(LAYERS):
        p = f"encoder.layer.{l}."

        def heads(y):
            return y.view(b, t, HEADS, dh).transpose(1, 2)
        q, k, v = (heads(linear(w, x, p + "attention.self." + n)) for n in ("query", "key", "value"))
        scores = q @ k.transpose(-1, -2) / (dh ** 0.5) + additive
        context = (torch.softmax(scores, dim=-1) @ v).transpose(1, 2).reshape(b, t, H)
        x = norm(w, linear(w, context, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
        inner = torch.nn.functional.gelu(linear(w, x, p + "intermediate.dense"))
        x = norm(w, linear(w, inner, p + "output.dense") + x, p + "output.LayerNorm")
        states.append(x)
    return torch.stack(states, dim=1)


def numpy_forward(w, ids, types, attention, family):
    """Both families in float64 NumPy, written apart from the torch ones: one post-LN block, two name maps."""
    from math import erf
    w = {k: v.double().numpy() for k, v in w.items()}
    ids, types, attention = ids.numpy(), types.numpy(), attention.numpy()
    verf = np.vectorize(erf)

    def ln(x, name):
        return np_layer_norm(w, x, name, EPS)

    def dense(x, name):
        return np_dense(w, x, name)

    b, t = ids.shape
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][np.arange(t)]
    if family == "electra":
        x = x + w["embeddings.token_type_embeddings.weight"][types]
    x = ln(x, "embeddings.LayerNorm")
    if family == "electra":
        x = dense(x, "embeddings_project")
        names = ("encoder.layer", "attention.self.query", "attention.self.key", "attention.self.value",
                 "attention.output.dense", "attention.output.LayerNorm", "intermediate.dense", "output.dense",
                 "output.LayerNorm")
    else:
        names = ("transformer.layer", "attention.q_lin", "attention.k_lin", "attention.v_lin", "attention.out_lin",
                 "sa_layer_norm", "ffn.lin1", "ffn.lin2", "output_layer_norm")
    layers, qn, kn, vn, on, n1, i1, o2, n2 = names
    states = [x]
    dh = H // HEADS
    for l in range(LAYERS):
        p = f"{layers}.{l}."
        q, k, v = (dense(x, p + n).reshape(b, t, HEADS, dh) for n in (qn, kn, vn))
        s = np.einsum("bqhd,bkhd->bhqk", q, k) / np.sqrt(dh)
        s = np.where(attention[:, None, None, :] == 1, s, -np.inf)
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        x = ln(dense(np.einsum("bhqk,bkhd->bqhd", s, v).reshape(b, t, H), p + on) + x, p + n1)
        a = dense(x, p + i1)
        x = ln(dense(0.5 * a * (1 + verf(a / np.sqrt(2))), p + o2) + x, p + n2)
        states.append(x)
    return np.stack(states, axis=1)


def run(family, w, sequences, worst):
    t = max(len(ids) for ids, _ in sequences)
    ids = torch.tensor([s + [0] * (t - len(s)) for s, _ in sequences])
    types = torch.tensor([ty + [0] * (t - len(ty)) for _, ty in sequences])
    attention = torch.tensor([[1] * len(s) + [0] * (t - len(s)) for s, _ in sequences])
    forward = distilbert_forward if family == "distilbert" else electra_forward
    with torch.no_grad():
        hidden = forward(w, ids, types, attention)
    reference = numpy_forward(w, ids, types, attention, family)
    for i, (s, _) in enumerate(sequences):
        worst[family] = max(worst[family], np.abs(hidden[i, :, :len(s)].double().numpy() - reference[i, :, :len(s)]).max())
    return ids, types, attention, hidden


def configs(vocab_size):
    distilbert = {"architectures": ["DistilBertModel"], "model_type": "distilbert", "vocab_size": vocab_size,
                  "dim": H, "n_layers": LAYERS, "n_heads": HEADS, "hidden_dim": FFN, "activation": "gelu",
                  "max_position_embeddings": POSITIONS, "sinusoidal_pos_embds": False, "dropout": 0.1,
                  "attention_dropout": 0.1, "qa_dropout": 0.1, "seq_classif_dropout": 0.2, "initializer_range": 0.02,
                  "pad_token_id": 0, "tie_weights_": True, "torch_dtype": "float32"}
    electra = {"architectures": ["ElectraForPreTraining"], "model_type": "electra", "vocab_size": vocab_size,
               "embedding_size": E, "hidden_size": H, "num_hidden_layers": LAYERS, "num_attention_heads": HEADS,
               "intermediate_size": FFN, "hidden_act": "gelu", "hidden_dropout_prob": 0.1,
               "attention_probs_dropout_prob": 0.1, "max_position_embeddings": POSITIONS, "type_vocab_size": 2,
               "initializer_range": 0.02, "layer_norm_eps": EPS, "pad_token_id": 0,
               "position_embedding_type": "absolute", "summary_type": "first", "summary_use_proj": True,
               "summary_activation": "gelu", "summary_last_dropout": 0.1, "torch_dtype": "float32"}
    return {"distilbert": distilbert, "electra": electra}


def unused_heads(family, vocab_size):
    """The heads real checkpoints carry beside the encoder, which tails must report as unused."""
    g = torch.Generator().manual_seed(7)
    if family == "distilbert":
        return {"vocab_transform.weight": normal(g, H, H), "vocab_transform.bias": normal(g, H),
                "vocab_layer_norm.weight": normal(g, H), "vocab_layer_norm.bias": normal(g, H),
                "vocab_projector.bias": normal(g, vocab_size)}
    return {"discriminator_predictions.dense.weight": normal(g, H, H),
            "discriminator_predictions.dense.bias": normal(g, H),
            "discriminator_predictions.dense_prediction.weight": normal(g, 1, H),
            "discriminator_predictions.dense_prediction.bias": normal(g, 1)}


def main():
    sequences = golden_sequences()
    vocab, remap = subset_vocab(sequences)
    sequences = {s: [([remap[i] for i in ids], ty) for ids, ty in seqs] for s, seqs in sequences.items()}
    worst = {"distilbert": 0.0, "electra": 0.0}
    weights = {"distilbert": distilbert_weights(len(vocab)), "electra": electra_weights(len(vocab))}
    for family, config in configs(len(vocab)).items():
        model = f"src/test/resources/models/tiny-{family}"
        golden = f"src/test/resources/golden/tiny-{family}"
        os.makedirs(model, exist_ok=True)
        os.makedirs(golden, exist_ok=True)
        with open(os.path.join(model, "config.json"), "w") as f:
            json.dump(config, f, indent=2)
        with open(os.path.join(model, "vocab.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(vocab) + "\n")
        with open(os.path.join(model, "tokenizer_config.json"), "w") as f:
            json.dump({"tokenizer_class": "DistilBertTokenizer" if family == "distilbert" else "ElectraTokenizer",
                       "do_lower_case": True, "model_max_length": POSITIONS}, f, indent=2)
        w = weights[family]
        tensors = {family + "." + k: v for k, v in w.items()}
        tensors.update(unused_heads(family, len(vocab)))
        write_safetensors(os.path.join(model, "model.safetensors"), tensors)
        for set_name in SETS:
            out = {}
            for i, seq in enumerate(sequences[set_name]):
                ids, types, _, hidden = run(family, w, [seq], worst)
                out[f"s{i}.input_ids"] = ids[0]
                out[f"s{i}.token_type_ids"] = types[0]
                out[f"s{i}.hidden"] = hidden[0]
            write_safetensors(os.path.join(golden, set_name + ".safetensors"), out)
        ids, types, attention, hidden = run(family, w, sequences["visible"], worst)
        write_safetensors(os.path.join(golden, "visible.batched.safetensors"),
                          {"input_ids": ids, "attention_mask": attention, "token_type_ids": types, "hidden": hidden})
    print(f"vocabulary {len(vocab)}; torch float32 vs numpy float64, max |difference| over every state: "
          + ", ".join(f"{f} {d:.3g}" for f, d in worst.items()))


if __name__ == "__main__":
    main()
