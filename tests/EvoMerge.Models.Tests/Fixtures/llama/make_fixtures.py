#!/usr/bin/python3
"""Writes tiny random Llama-family checkpoints (Hugging Face folder layout) and reference outputs.

Run with Debian's python3 (python3-torch 1.13, numpy); transformers is not used. The reference forward
below is written from the model definition, one sequence at a time and without padding, so the C#
decoder's batching, padding masks and position ids are checked against something that has none.

Each folder gets config.json, the weights (model.safetensors, or two shards and an index) and
reference.safetensors with:
  input_ids      I64 [B, T]   padded batch (pad id 0)
  attention_mask I64 [B, T]   1 = token, 0 = padding
  logits         F32 [B, T, V] reference logits at real tokens, 0 at padding
  greedy         I64 [B, N]   greedy continuation of each row (N new tokens, no stop token)
"""
import json
import math
import os
import struct
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
NEW_TOKENS = 4

CONFIGS = {
    "mha_untied": dict(model_type="llama", hidden_size=32, intermediate_size=48, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=4, vocab_size=61, rms_norm_eps=1e-5,
                       rope_theta=10000.0, tie_word_embeddings=False, attention_bias=False, mlp_bias=False,
                       max_position_embeddings=64, padding="right"),
    "gqa_tied": dict(model_type="mistral", hidden_size=32, intermediate_size=40, num_hidden_layers=3,
                     num_attention_heads=4, num_key_value_heads=2, vocab_size=53, rms_norm_eps=1e-6,
                     rope_theta=500000.0, tie_word_embeddings=True, sliding_window=4096,
                     max_position_embeddings=64, padding="left"),
    "qwen2_bias": dict(model_type="qwen2", hidden_size=24, intermediate_size=36, num_hidden_layers=2,
                       num_attention_heads=6, num_key_value_heads=1, vocab_size=47, rms_norm_eps=1e-6,
                       rope_theta=1000000.0, tie_word_embeddings=False, use_sliding_window=False,
                       max_position_embeddings=64, padding="left"),
    "llama3_rope": dict(model_type="llama", hidden_size=32, intermediate_size=48, num_hidden_layers=2,
                        num_attention_heads=4, num_key_value_heads=2, head_dim=12, vocab_size=59,
                        rms_norm_eps=1e-5, rope_theta=10000.0, tie_word_embeddings=False,
                        attention_bias=True, mlp_bias=True, max_position_embeddings=64,
                        rope_scaling=dict(rope_type="llama3", factor=8.0, low_freq_factor=1.0,
                                          high_freq_factor=4.0, original_max_position_embeddings=16),
                        padding="right", shards=2),
    "linear_rope": dict(model_type="llama", hidden_size=32, intermediate_size=48, num_hidden_layers=2,
                        num_attention_heads=4, num_key_value_heads=1, vocab_size=50, rms_norm_eps=1e-5,
                        rope_theta=100.0, tie_word_embeddings=True, max_position_embeddings=64,
                        rope_scaling=dict(type="linear", factor=2.5), padding="left"),
}

LENGTHS = [7, 4, 1]


def head_dim(c):
    return c.get("head_dim", c["hidden_size"] // c["num_attention_heads"])


def has_qkv_bias(c):
    return c["model_type"] == "qwen2" or c.get("attention_bias", False)


def has_o_bias(c):
    return c["model_type"] != "qwen2" and c.get("attention_bias", False)


def make_weights(c, gen):
    def rnd(*shape, scale):
        return (torch.randn(*shape, generator=gen, dtype=torch.float64) * scale).float()

    h, i, d = c["hidden_size"], c["intermediate_size"], head_dim(c)
    nh, nkv, v = c["num_attention_heads"], c["num_key_value_heads"], c["vocab_size"]
    w = {"model.embed_tokens.weight": rnd(v, h, scale=1.0)}
    for layer in range(c["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        w[p + "input_layernorm.weight"] = 1.0 + rnd(h, scale=0.2)
        w[p + "self_attn.q_proj.weight"] = rnd(nh * d, h, scale=h ** -0.5)
        w[p + "self_attn.k_proj.weight"] = rnd(nkv * d, h, scale=h ** -0.5)
        w[p + "self_attn.v_proj.weight"] = rnd(nkv * d, h, scale=h ** -0.5)
        w[p + "self_attn.o_proj.weight"] = rnd(h, nh * d, scale=(nh * d) ** -0.5)
        if has_qkv_bias(c):
            w[p + "self_attn.q_proj.bias"] = rnd(nh * d, scale=0.3)
            w[p + "self_attn.k_proj.bias"] = rnd(nkv * d, scale=0.3)
            w[p + "self_attn.v_proj.bias"] = rnd(nkv * d, scale=0.3)
        if has_o_bias(c):
            w[p + "self_attn.o_proj.bias"] = rnd(h, scale=0.3)
        w[p + "post_attention_layernorm.weight"] = 1.0 + rnd(h, scale=0.2)
        w[p + "mlp.gate_proj.weight"] = rnd(i, h, scale=h ** -0.5)
        w[p + "mlp.up_proj.weight"] = rnd(i, h, scale=h ** -0.5)
        w[p + "mlp.down_proj.weight"] = rnd(h, i, scale=i ** -0.5)
        if c.get("mlp_bias", False):
            w[p + "mlp.gate_proj.bias"] = rnd(i, scale=0.3)
            w[p + "mlp.up_proj.bias"] = rnd(i, scale=0.3)
            w[p + "mlp.down_proj.bias"] = rnd(h, scale=0.3)
    w["model.norm.weight"] = 1.0 + rnd(h, scale=0.2)
    if not c["tie_word_embeddings"]:
        w["lm_head.weight"] = rnd(v, h, scale=h ** -0.5)
    return w


def inverse_frequencies(c):
    d = head_dim(c)
    inv = [1.0 / (c["rope_theta"] ** (2 * k / d)) for k in range(d // 2)]
    scaling = c.get("rope_scaling")
    if scaling is None:
        return inv
    kind = scaling.get("rope_type", scaling.get("type"))
    factor = scaling["factor"]
    if kind == "linear":
        return [f / factor for f in inv]
    if kind == "llama3":
        old = scaling["original_max_position_embeddings"]
        low, high = scaling["low_freq_factor"], scaling["high_freq_factor"]
        out = []
        for f in inv:
            wavelength = 2 * math.pi / f
            if wavelength < old / high:
                out.append(f)
            elif wavelength > old / low:
                out.append(f / factor)
            else:
                smooth = (old / wavelength - low) / (high - low)
                out.append((1 - smooth) * f / factor + smooth * f)
        return out
    raise ValueError(kind)


def rotate(x, position, inv):
    """x: [heads, d] at one position; pairs (k, k + d/2) rotate by position * inv[k]."""
    half = x.shape[-1] // 2
    out = x.clone()
    for k, f in enumerate(inv):
        angle = torch.tensor(position * f, dtype=torch.float32)
        cos, sin = torch.cos(angle), torch.sin(angle)
        a, b = x[:, k], x[:, k + half]
        out[:, k] = a * cos - b * sin
        out[:, k + half] = b * cos + a * sin
    return out


def rms_norm(x, weight, eps):
    return weight * (x / torch.sqrt((x * x).mean(-1, keepdim=True) + eps))


def linear(x, w, name, suffix):
    y = x @ w[name + ".weight"].T
    if name + ".bias" in w:
        y = y + w[name + ".bias"]
    return y


def forward_one(c, w, tokens):
    """Logits [n, V] for one unpadded sequence, positions 0..n-1, one position at a time."""
    n = len(tokens)
    d, nh, nkv = head_dim(c), c["num_attention_heads"], c["num_key_value_heads"]
    inv = inverse_frequencies(c)
    x = w["model.embed_tokens.weight"][torch.tensor(tokens)]
    for layer in range(c["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        hn = rms_norm(x, w[p + "input_layernorm.weight"], c["rms_norm_eps"])
        q = linear(hn, w, p + "self_attn.q_proj", "").view(n, nh, d)
        k = linear(hn, w, p + "self_attn.k_proj", "").view(n, nkv, d)
        v = linear(hn, w, p + "self_attn.v_proj", "").view(n, nkv, d)
        q = torch.stack([rotate(q[t], t, inv) for t in range(n)])
        k = torch.stack([rotate(k[t], t, inv) for t in range(n)])
        attn = torch.zeros(n, nh, d)
        group = nh // nkv
        for t in range(n):
            for head in range(nh):
                kv = head // group
                scores = torch.stack([(q[t, head] * k[s, kv]).sum() / math.sqrt(d) for s in range(t + 1)])
                weights = torch.softmax(scores, dim=0)
                attn[t, head] = sum(weights[s] * v[s, kv] for s in range(t + 1))
        x = x + linear(attn.reshape(n, nh * d), w, p + "self_attn.o_proj", "")
        hn = rms_norm(x, w[p + "post_attention_layernorm.weight"], c["rms_norm_eps"])
        gate = linear(hn, w, p + "mlp.gate_proj", "")
        up = linear(hn, w, p + "mlp.up_proj", "")
        x = x + linear(gate * torch.sigmoid(gate) * up, w, p + "mlp.down_proj", "")
    x = rms_norm(x, w["model.norm.weight"], c["rms_norm_eps"])
    head = w["model.embed_tokens.weight"] if c["tie_word_embeddings"] else w["lm_head.weight"]
    return x @ head.T


DTYPES = {torch.float32: "F32", torch.int64: "I64"}


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.contiguous().numpy().tobytes()
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def write_model(folder, c, w):
    shards = c.get("shards", 1)
    if shards == 1:
        write_safetensors(os.path.join(folder, "model.safetensors"), w)
        return
    names = list(w)
    per = math.ceil(len(names) / shards)
    weight_map = {}
    for s in range(shards):
        file = f"model-{s + 1:05d}-of-{shards:05d}.safetensors"
        part = {n: w[n] for n in names[s * per:(s + 1) * per]}
        write_safetensors(os.path.join(folder, file), part)
        weight_map.update({n: file for n in part})
    total = sum(t.numel() * 4 for t in w.values())
    with open(os.path.join(folder, "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, f, indent=1)


def hf_config(c):
    cfg = {k: v for k, v in c.items() if k not in ("padding", "shards")}
    cfg["architectures"] = [{"llama": "LlamaForCausalLM", "mistral": "MistralForCausalLM",
                             "qwen2": "Qwen2ForCausalLM"}[c["model_type"]]]
    cfg["hidden_act"] = "silu"
    cfg["torch_dtype"] = "float32"
    return cfg


def main():
    for index, (name, c) in enumerate(CONFIGS.items()):
        gen = torch.Generator().manual_seed(1000 + index)
        w = make_weights(c, gen)
        folder = os.path.join(HERE, name)
        os.makedirs(folder, exist_ok=True)
        for old in os.listdir(folder):
            os.remove(os.path.join(folder, old))
        with open(os.path.join(folder, "config.json"), "w") as f:
            json.dump(hf_config(c), f, indent=2)
        write_model(folder, c, w)

        v, t = c["vocab_size"], max(LENGTHS)
        ids = torch.zeros(len(LENGTHS), t, dtype=torch.int64)
        mask = torch.zeros(len(LENGTHS), t, dtype=torch.int64)
        logits = torch.zeros(len(LENGTHS), t, v)
        greedy = torch.zeros(len(LENGTHS), NEW_TOKENS, dtype=torch.int64)
        with torch.no_grad():
            for row, n in enumerate(LENGTHS):
                tokens = torch.randint(1, v, (n,), generator=gen).tolist()
                cols = range(t - n, t) if c["padding"] == "left" else range(n)
                ids[row, list(cols)] = torch.tensor(tokens)
                mask[row, list(cols)] = 1
                logits[row, list(cols)] = forward_one(c, w, tokens)
                sequence = list(tokens)
                for step in range(NEW_TOKENS):
                    sequence.append(int(forward_one(c, w, sequence)[-1].argmax()))
                greedy[row] = torch.tensor(sequence[n:])
        write_safetensors(os.path.join(folder, "reference.safetensors"),
                          {"input_ids": ids, "attention_mask": mask, "logits": logits, "greedy": greedy})
        print(name, "written", file=sys.stderr)


if __name__ == "__main__":
    main()
