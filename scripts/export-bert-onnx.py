#!/usr/bin/python3
"""Exports a HF BERT folder (config.json + model.safetensors) to FOLDER/onnx/model.onnx.

The ONNX Runtime side of `scripts/bench.sh --vs-ort` for bert-base, where the hub has no .onnx and
Python `transformers` is not at hand: plain PyTorch BertModel inference (embeddings, post-LN
layers, erf GELU, additive mask), weights read from the safetensors file by hand (8-byte
little-endian header length, JSON header, raw data). Inputs input_ids, attention_mask,
token_type_ids [batch, sequence] (int64); output last_hidden_state. dev.tails.VsOrt checks the
result against tails before timing it.

    /usr/bin/python3 scripts/export-bert-onnx.py weights/bert-base-cased
"""
import json
import math
import struct
import sys
from pathlib import Path

import numpy as np
import torch
from torch import nn

DTYPES = {"F32": np.float32, "F16": np.float16}


def read_safetensors(path):
    data = path.read_bytes()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + size])
    header.pop("__metadata__", None)
    tensors = {}
    for name, info in header.items():
        start, end = info["data_offsets"]
        dtype = np.dtype(DTYPES[info["dtype"]])
        raw = np.frombuffer(data, dtype, (end - start) // dtype.itemsize, 8 + size + start)
        tensors[name] = torch.from_numpy(raw.astype(np.float32).reshape(info["shape"]))
    return tensors


class Embeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.word_embeddings = nn.Embedding(c["vocab_size"], c["hidden_size"])
        self.position_embeddings = nn.Embedding(c["max_position_embeddings"], c["hidden_size"])
        self.token_type_embeddings = nn.Embedding(c["type_vocab_size"], c["hidden_size"])
        self.LayerNorm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])

    def forward(self, ids, types):
        positions = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
        x = self.word_embeddings(ids) + self.position_embeddings(positions) + self.token_type_embeddings(types)
        return self.LayerNorm(x)


class Layer(nn.Module):
    def __init__(self, c):
        super().__init__()
        h, eps = c["hidden_size"], c["layer_norm_eps"]
        self.heads = c["num_attention_heads"]
        self.scale = 1 / math.sqrt(h // self.heads)
        self.query, self.key, self.value, self.attention_output = (nn.Linear(h, h) for _ in range(4))
        self.attention_norm = nn.LayerNorm(h, eps=eps)
        self.intermediate = nn.Linear(h, c["intermediate_size"])
        self.output = nn.Linear(c["intermediate_size"], h)
        self.output_norm = nn.LayerNorm(h, eps=eps)

    def split(self, x):
        b, t, h = x.shape
        return x.view(b, t, self.heads, h // self.heads).transpose(1, 2)

    def forward(self, x, mask):
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scores = q @ k.transpose(-1, -2) * self.scale + mask
        context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(x.shape)
        x = self.attention_norm(x + self.attention_output(context))
        return self.output_norm(x + self.output(nn.functional.gelu(self.intermediate(x))))


class Bert(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embeddings = Embeddings(c)
        self.layers = nn.ModuleList(Layer(c) for _ in range(c["num_hidden_layers"]))

    def forward(self, input_ids, attention_mask, token_type_ids):
        mask = (1.0 - attention_mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        x = self.embeddings(input_ids, token_type_ids)
        for layer in self.layers:
            x = layer(x, mask)
        return x


# HF names (after the bert. prefix) -> ours, for the parts named differently
RENAMES = [("encoder.layer.", "layers."), ("attention.self.", ""), ("attention.output.dense", "attention_output"),
           ("attention.output.LayerNorm", "attention_norm"), ("intermediate.dense", "intermediate"),
           ("output.dense", "output"), ("output.LayerNorm", "output_norm")]


def state_dict(tensors, model):
    ours = {}
    for name, t in tensors.items():
        name = name.removeprefix("bert.")
        for old, new in RENAMES:
            name = name.replace(old, new)
        ours[name] = t
    wanted = model.state_dict().keys()
    return {k: v for k, v in ours.items() if k in wanted}


def main(folder):
    config = json.loads((folder / "config.json").read_text())
    model = Bert(config).eval()
    model.load_state_dict(state_dict(read_safetensors(folder / "model.safetensors"), model), strict=True)
    out = folder / "onnx" / "model.onnx"
    out.parent.mkdir(exist_ok=True)
    ids = torch.randint(0, config["vocab_size"], (2, 16))
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {0: "batch", 1: "sequence"}
    with torch.no_grad():
        torch.onnx.export(model, (ids, torch.ones_like(ids), torch.zeros_like(ids)), str(out), input_names=names,
                          output_names=["last_hidden_state"], opset_version=14,
                          dynamic_axes={n: axes for n in names + ["last_hidden_state"]})
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
