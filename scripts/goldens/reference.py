"""A float64 NumPy re-implementation of Hugging Face's BertForMaskedLM / RobertaForMaskedLM /
DistilBertForMaskedLM / ElectraForMaskedLM inference.

Written from HF's modeling code, independent of tails: safetensors are read by hand (no
safetensors package), exact erf GELU, additive attention mask (the float minimum), RoBERTa
position ids = padding_idx + running count of non-padding ids. DistilBERT: its own layer names, no
token types, eps 1e-12 hard-coded; ELECTRA: embeddings of width embedding_size, LayerNorm, then
embeddings_project to hidden_size. The masked-LM head is dense (hidden -> embedding width) ->
activation -> LayerNorm -> decoder tied to the word embeddings (HF's tie_word_embeddings default)
+ bias; BERT's head uses config.hidden_act, DistilBERT's config.activation, RoBERTa's and ELECTRA's
generator's always the erf GELU (RobertaLMHead and ElectraGeneratorPredictions call gelu).
"""
import json
import struct

import numpy as np
from scipy.special import erf

DTYPES = {"F32": np.float32, "F64": np.float64, "F16": np.float16, "I64": np.int64, "I32": np.int32}


def read_safetensors(path):
    """{name: array} from a .safetensors file: 8-byte little-endian header length, JSON header, raw data."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    body = data[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        raw = body[start:end]
        if info["dtype"] == "BF16":  # the high half of a float32
            arr = (np.frombuffer(raw, "<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            arr = np.frombuffer(raw, np.dtype(DTYPES[info["dtype"]]).newbyteorder("<"))
        out[name] = arr.reshape(info["shape"])
    return out


def write_safetensors(path, tensors, metadata=None):
    """Writes {name: float32/int64 array} in the safetensors layout, names sorted."""
    header, offset, chunks = {}, 0, []
    for name in sorted(tensors):
        arr = np.ascontiguousarray(tensors[name])
        dtype = {np.dtype(np.float32): "F32", np.dtype(np.int64): "I64"}[arr.dtype]
        raw = arr.astype(arr.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(arr.shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        chunks.append(raw)
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))


def gelu(x, act):
    if act == "gelu":
        return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))
    if act in ("gelu_new", "gelu_pytorch_tanh"):
        return 0.5 * x * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (x + 0.044715 * x ** 3)))
    raise ValueError("hidden_act " + act)


def layer_norm(x, gamma, beta, eps):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta

# Tensor names of one encoder layer: BERT's (also RoBERTa's and ELECTRA's), DistilBERT's.
LAYER_NAMES = {
    False: {"layers": "encoder.layer", "query": "attention.self.query", "key": "attention.self.key",
            "value": "attention.self.value", "attention_output": "attention.output.dense",
            "attention_norm": "attention.output.LayerNorm", "intermediate": "intermediate.dense",
            "output": "output.dense", "output_norm": "output.LayerNorm"},
    True: {"layers": "transformer.layer", "query": "attention.q_lin", "key": "attention.k_lin",
           "value": "attention.v_lin", "attention_output": "attention.out_lin", "attention_norm": "sa_layer_norm",
           "intermediate": "ffn.lin1", "output": "ffn.lin2", "output_norm": "output_layer_norm"},
}


class MaskedLm:
    """Encoder + masked-LM head over float64 copies of the tensors."""

    def __init__(self, config, tensors):
        self.c = config
        self.family = config["model_type"]
        self.w = {k: v.astype(np.float64) for k, v in tensors.items() if v.dtype.kind == "f"}
        self.eps = 1e-12 if self.family == "distilbert" else config.get(
            "layer_norm_eps", 1e-5 if self.family == "roberta" else 1e-12)
        self.act = config.get("activation" if self.family == "distilbert" else "hidden_act", "gelu")
        self.pad = config.get("pad_token_id", 1 if self.family == "roberta" else 0)

    def t(self, name):
        return self.w[self.family + "." + name]

    def linear(self, x, name):
        return x @ self.t(name + ".weight").T + self.t(name + ".bias")

    def position_ids(self, ids):
        if self.family == "roberta":
            mask = (ids != self.pad).astype(np.int64)
            return np.cumsum(mask, axis=1) * mask + self.pad
        return np.broadcast_to(np.arange(ids.shape[1]), ids.shape)

    def hidden_states(self, ids, types, mask):
        """ids, types, mask [B, T] -> list of L+1 arrays [B, T, H] (0 = embedding LayerNorm output)."""
        c = self.c
        x = (self.t("embeddings.word_embeddings.weight")[ids]
             + self.t("embeddings.position_embeddings.weight")[self.position_ids(ids)])
        if self.family != "distilbert":
            x = x + self.t("embeddings.token_type_embeddings.weight")[types]
        x = layer_norm(x, self.t("embeddings.LayerNorm.weight"), self.t("embeddings.LayerNorm.bias"), self.eps)
        if self.family + ".embeddings_project.weight" in self.w:
            x = self.linear(x, "embeddings_project")
        states = [x]
        n = LAYER_NAMES[self.family == "distilbert"]
        heads = c["n_heads" if self.family == "distilbert" else "num_attention_heads"]
        b, t, h = x.shape
        dh = h // heads
        additive = (1.0 - mask[:, None, None, :]) * np.finfo(np.float64).min
        for l in range(c["n_layers" if self.family == "distilbert" else "num_hidden_layers"]):
            p = "%s.%d." % (n["layers"], l)

            def split(y):
                return y.reshape(b, t, heads, dh).transpose(0, 2, 1, 3)

            q = split(self.linear(x, p + n["query"]))
            k = split(self.linear(x, p + n["key"]))
            v = split(self.linear(x, p + n["value"]))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh) + additive
            scores = scores - scores.max(-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(-1, keepdims=True)
            ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(b, t, h)
            attn = self.linear(ctx, p + n["attention_output"])
            x = layer_norm(attn + x, self.t(p + n["attention_norm"] + ".weight"),
                           self.t(p + n["attention_norm"] + ".bias"), self.eps)
            ffn = self.linear(gelu(self.linear(x, p + n["intermediate"]), self.act), p + n["output"])
            x = layer_norm(ffn + x, self.t(p + n["output_norm"] + ".weight"), self.t(p + n["output_norm"] + ".bias"),
                           self.eps)
            states.append(x)
        return states

    def head_names(self):
        """HF's names of dense, LayerNorm and vocabulary bias, per family."""
        if self.family == "roberta":
            return "lm_head.dense", "lm_head.layer_norm", "lm_head.bias"
        if self.family == "distilbert":
            return "vocab_transform", "vocab_layer_norm", "vocab_projector.bias"
        if self.family == "electra":
            return "generator_predictions.dense", "generator_predictions.LayerNorm", "generator_lm_head.bias"
        return "cls.predictions.transform.dense", "cls.predictions.transform.LayerNorm", "cls.predictions.bias"

    def mlm(self, last):
        """Last hidden state [..., H] -> (transform [..., E], logits [..., vocab])."""
        dense, norm, bias = self.head_names()
        act = "gelu" if self.family in ("roberta", "electra") else self.act
        x = gelu(last @ self.w[dense + ".weight"].T + self.w[dense + ".bias"], act)
        x = layer_norm(x, self.w[norm + ".weight"], self.w[norm + ".bias"], self.eps)
        return x, x @ self.t("embeddings.word_embeddings.weight").T + self.w[bias]

    def forward_one(self, ids, types=None):
        """One sequence without padding -> (hidden states [L+1, T, H], transform [T, H], logits [T, vocab])."""
        ids = np.asarray(ids, dtype=np.int64)[None, :]
        types = np.zeros_like(ids) if types is None else np.asarray(types, dtype=np.int64)[None, :]
        states = self.hidden_states(ids, types, np.ones(ids.shape))
        transform, logits = self.mlm(states[-1][0])
        return np.stack([s[0] for s in states]), transform, logits


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)
