#!/usr/bin/python3
"""Writes tiny random checkpoints of each supported decoder family and reference outputs.

Run with Debian's python3 (python3-torch 1.13, numpy); transformers is not used. The forward below is
written from the families' definitions (transformers' modeling_<family>.py as the source of the facts),
one unpadded sequence at a time, with an explicit mask per layer, so the C# decoder's batching, padding,
position ids, KV cache and family switches are all checked against something that has none of them.

Weights are stored as BF16 (as real checkpoints are), so float32 and bfloat16 runs read the same values.
Each folder gets config.json (fields as transformers writes them), model.safetensors and
reference.safetensors with:
  input_ids      I64 [B, T]    padded batch (pad id 0)
  attention_mask I64 [B, T]    1 = token, 0 = padding
  logits         F32 [B, T, V] float32 reference logits at real tokens, 0 at padding
  logits_bf16    F32 [B, T, V] the same forward run in bfloat16 with transformers' casts, 0 at padding
  greedy         I64 [B, N]    float32 greedy continuation of each row (N new tokens, no stop token)
"""
import json
import math
import os
import struct
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
NEW_TOKENS = 4
LENGTHS = [7, 4, 1]

COMMON = dict(hidden_size=32, intermediate_size=48, num_attention_heads=4, rms_norm_eps=1e-6,
              max_position_embeddings=64, torch_dtype="bfloat16")

CONFIGS = {
    # Every layer slides; a window of 3 bites at 7 prompt tokens and during generation.
    "mistral_window": dict(COMMON, model_type="mistral", num_hidden_layers=2, num_key_value_heads=2,
                           vocab_size=61, rope_theta=10000.0, sliding_window=3, tie_word_embeddings=False,
                           hidden_act="silu", padding="left"),
    # Layer 0 full, layers 1 and 2 sliding (max_window_layers = 1).
    "qwen2_window": dict(COMMON, model_type="qwen2", num_hidden_layers=3, num_key_value_heads=1,
                         vocab_size=53, rope_theta=1000000.0, use_sliding_window=True, sliding_window=3,
                         max_window_layers=1, tie_word_embeddings=False, hidden_act="silu", padding="right"),
    "qwen3": dict(COMMON, model_type="qwen3", num_hidden_layers=2, num_key_value_heads=2, head_dim=16,
                  vocab_size=59, rope_theta=1000000.0, use_sliding_window=False, sliding_window=None,
                  max_window_layers=2, attention_bias=False, tie_word_embeddings=True, hidden_act="silu",
                  padding="left"),
    "gemma": dict(COMMON, model_type="gemma", num_hidden_layers=2, num_key_value_heads=1, head_dim=16,
                  vocab_size=64, rope_theta=10000.0, hidden_act="gelu", hidden_activation="gelu_pytorch_tanh",
                  attention_bias=False, tie_word_embeddings=True, padding="right"),
    # Even layers local (window 3), odd global; small caps so soft-capping changes the numbers.
    "gemma2": dict(COMMON, model_type="gemma2", num_hidden_layers=3, num_key_value_heads=2, head_dim=16,
                   vocab_size=64, rope_theta=10000.0, hidden_activation="gelu_pytorch_tanh",
                   query_pre_attn_scalar=24, attn_logit_softcapping=3.0, final_logit_softcapping=5.0,
                   sliding_window=3, attention_bias=False, tie_word_embeddings=True, padding="left"),
    # Pattern 3: layers 0, 1 local (base 10000, no scaling), layer 2 global (1e6, linear scaling 2).
    "gemma3_text": dict(COMMON, model_type="gemma3_text", num_hidden_layers=3, num_key_value_heads=1, head_dim=16,
                        vocab_size=64, rope_theta=1000000.0, rope_local_base_freq=10000.0,
                        rope_scaling=dict(rope_type="linear", factor=2.0), hidden_activation="gelu_pytorch_tanh",
                        query_pre_attn_scalar=16, attn_logit_softcapping=None, final_logit_softcapping=None,
                        sliding_window=3, sliding_window_pattern=3, attention_bias=False,
                        tie_word_embeddings=True, padding="right"),
    "phi3": dict(COMMON, model_type="phi3", num_hidden_layers=2, num_key_value_heads=2, vocab_size=57,
                 rope_theta=10000.0, sliding_window=4, tie_word_embeddings=False, hidden_act="silu",
                 rope_scaling=None, padding="left"),
}

ARCHITECTURES = {"mistral": "MistralForCausalLM", "qwen2": "Qwen2ForCausalLM", "qwen3": "Qwen3ForCausalLM",
                 "gemma": "GemmaForCausalLM", "gemma2": "Gemma2ForCausalLM", "gemma3_text": "Gemma3ForCausalLM",
                 "phi3": "Phi3ForCausalLM"}


def is_gemma(c):
    return c["model_type"].startswith("gemma")


def head_dim(c):
    return c.get("head_dim") or c["hidden_size"] // c["num_attention_heads"]


def sliding(c, layer):
    """Whether layer uses the sliding window, by each family's rule."""
    t = c["model_type"]
    if t in ("mistral", "phi3"):
        return c.get("sliding_window") is not None
    if t in ("qwen2", "qwen3"):
        return bool(c.get("use_sliding_window")) and layer >= c["max_window_layers"]
    if t == "gemma2":
        return layer % 2 == 0
    if t == "gemma3_text":
        return (layer + 1) % c["sliding_window_pattern"] != 0
    return False


def make_weights(c, gen):
    def rnd(*shape, scale):
        return (torch.randn(*shape, generator=gen, dtype=torch.float64) * scale).float()

    h, i, d = c["hidden_size"], c["intermediate_size"], head_dim(c)
    nh, nkv, v = c["num_attention_heads"], c["num_key_value_heads"], c["vocab_size"]
    # Gemma norms store w for a (1 + w) scale, so they are drawn around 0 instead of 1.
    norm_center = 0.0 if is_gemma(c) else 1.0

    def norm(n):
        return norm_center + rnd(n, scale=0.2)

    w = {"model.embed_tokens.weight": rnd(v, h, scale=1.0 if not is_gemma(c) else h ** -0.5)}
    for layer in range(c["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        w[p + "input_layernorm.weight"] = norm(h)
        q, k, vv = rnd(nh * d, h, scale=h ** -0.5), rnd(nkv * d, h, scale=h ** -0.5), rnd(nkv * d, h, scale=h ** -0.5)
        if c["model_type"] == "phi3":
            w[p + "self_attn.qkv_proj.weight"] = torch.cat([q, k, vv])
        else:
            w[p + "self_attn.q_proj.weight"], w[p + "self_attn.k_proj.weight"], w[p + "self_attn.v_proj.weight"] = q, k, vv
        if c["model_type"] == "qwen2":
            w[p + "self_attn.q_proj.bias"] = rnd(nh * d, scale=0.3)
            w[p + "self_attn.k_proj.bias"] = rnd(nkv * d, scale=0.3)
            w[p + "self_attn.v_proj.bias"] = rnd(nkv * d, scale=0.3)
        w[p + "self_attn.o_proj.weight"] = rnd(h, nh * d, scale=(nh * d) ** -0.5)
        if c["model_type"] in ("qwen3", "gemma3_text"):
            w[p + "self_attn.q_norm.weight"] = norm(d)
            w[p + "self_attn.k_norm.weight"] = norm(d)
        w[p + "post_attention_layernorm.weight"] = norm(h)
        if c["model_type"] in ("gemma2", "gemma3_text"):
            w[p + "pre_feedforward_layernorm.weight"] = norm(h)
            w[p + "post_feedforward_layernorm.weight"] = norm(h)
        gate, up = rnd(i, h, scale=h ** -0.5), rnd(i, h, scale=h ** -0.5)
        if c["model_type"] == "phi3":
            w[p + "mlp.gate_up_proj.weight"] = torch.cat([gate, up])
        else:
            w[p + "mlp.gate_proj.weight"], w[p + "mlp.up_proj.weight"] = gate, up
        w[p + "mlp.down_proj.weight"] = rnd(h, i, scale=i ** -0.5)
    w["model.norm.weight"] = norm(h)
    if not c["tie_word_embeddings"]:
        w["lm_head.weight"] = rnd(v, h, scale=h ** -0.5)
    # Stored as BF16: round once so every run starts from the same values.
    return {name: t.bfloat16() for name, t in w.items()}


def inverse_frequencies(c, layer):
    d = head_dim(c)
    if c["model_type"] == "gemma3_text" and sliding(c, layer):
        return torch.tensor([1.0 / (c["rope_local_base_freq"] ** (2 * k / d)) for k in range(d // 2)], dtype=torch.float32)
    inv = [1.0 / (c["rope_theta"] ** (2 * k / d)) for k in range(d // 2)]
    scaling = c.get("rope_scaling")
    if scaling is not None:
        assert scaling["rope_type"] == "linear"
        inv = [f / scaling["factor"] for f in inv]
    return torch.tensor(inv, dtype=torch.float32)


def rotate(x, positions, inv, dt):
    """x: [heads, n, d]; dimension k pairs with k + d/2, turned by position * inv[k] (angles in float32)."""
    angles = positions.float()[:, None] * inv[None, :]
    cos, sin = torch.cos(angles).to(dt), torch.sin(angles).to(dt)
    half = x.shape[-1] // 2
    a, b = x[..., :half], x[..., half:]
    return torch.cat([a * cos - b * sin, b * cos + a * sin], dim=-1)


def rms_norm(x, weight, eps, gemma):
    wide = x.float()
    normalized = wide * torch.rsqrt((wide * wide).mean(-1, keepdim=True) + eps)
    if gemma:
        return (normalized * (1.0 + weight.float())).to(x.dtype)
    return weight * normalized.to(x.dtype)


def gelu_tanh(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def forward_one(c, w, tokens, dt):
    """Logits [n, V] (float32) for one unpadded sequence at positions 0..n-1, computed in dtype dt."""
    w = {name: t.to(dt) for name, t in w.items()}
    t = c["model_type"]
    gemma = is_gemma(c)
    n = len(tokens)
    d, nh, nkv, eps = head_dim(c), c["num_attention_heads"], c["num_key_value_heads"], c["rms_norm_eps"]
    qw, kvw, inner = nh * d, nkv * d, c["intermediate_size"]
    positions = torch.arange(n)
    x = w["model.embed_tokens.weight"][torch.tensor(tokens)]
    if gemma:
        x = x * torch.tensor(c["hidden_size"] ** 0.5, dtype=dt)
    scale = (c.get("query_pre_attn_scalar") or d) ** -0.5 if t in ("gemma2", "gemma3_text") else d ** -0.5
    softcap = c.get("attn_logit_softcapping") if t == "gemma2" else None

    def lin(v, name):
        y = v @ w[name + ".weight"].T
        return y + w[name + ".bias"] if name + ".bias" in w else y

    for layer in range(c["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        hn = rms_norm(x, w[p + "input_layernorm.weight"], eps, gemma)
        if t == "phi3":
            qkv = hn @ w[p + "self_attn.qkv_proj.weight"].T
            q, k, v = qkv[:, :qw], qkv[:, qw:qw + kvw], qkv[:, qw + kvw:]
        else:
            q, k, v = lin(hn, p + "self_attn.q_proj"), lin(hn, p + "self_attn.k_proj"), lin(hn, p + "self_attn.v_proj")
        q, k, v = q.view(n, nh, d), k.view(n, nkv, d), v.view(n, nkv, d)
        if p + "self_attn.q_norm.weight" in w:
            q = rms_norm(q, w[p + "self_attn.q_norm.weight"], eps, gemma)
            k = rms_norm(k, w[p + "self_attn.k_norm.weight"], eps, gemma)
        inv = inverse_frequencies(c, layer)
        q = rotate(q.transpose(0, 1), positions, inv, dt)
        k = rotate(k.transpose(0, 1), positions, inv, dt)
        v = v.transpose(0, 1)
        allowed = positions[None, :] <= positions[:, None]
        if sliding(c, layer):
            allowed &= positions[:, None] - positions[None, :] < c["sliding_window"]
        outputs = []
        for head in range(nh):
            kv = head // (nh // nkv)
            scores = (q[head] @ k[kv].T) * scale
            if softcap is not None:
                scores = torch.tanh(scores / softcap) * softcap
            scores = scores.float().masked_fill(~allowed, float("-inf"))
            outputs.append(torch.softmax(scores, dim=-1).to(dt) @ v[kv])
        attention = lin(torch.cat(outputs, dim=-1), p + "self_attn.o_proj")
        if t in ("gemma2", "gemma3_text"):
            x = x + rms_norm(attention, w[p + "post_attention_layernorm.weight"], eps, gemma)
            hn = rms_norm(x, w[p + "pre_feedforward_layernorm.weight"], eps, gemma)
        else:
            x = x + attention
            hn = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps, gemma)
        if t == "phi3":
            gate_up = hn @ w[p + "mlp.gate_up_proj.weight"].T
            gate, up = gate_up[:, :inner], gate_up[:, inner:]
        else:
            gate, up = lin(hn, p + "mlp.gate_proj"), lin(hn, p + "mlp.up_proj")
        activated = gelu_tanh(gate) if gemma else gate * torch.sigmoid(gate)
        mlp = lin(activated * up, p + "mlp.down_proj")
        if t in ("gemma2", "gemma3_text"):
            mlp = rms_norm(mlp, w[p + "post_feedforward_layernorm.weight"], eps, gemma)
        x = x + mlp
    x = rms_norm(x, w["model.norm.weight"], eps, gemma)
    head = w["model.embed_tokens.weight"] if c["tie_word_embeddings"] else w["lm_head.weight"]
    logits = (x @ head.T).float()
    cap = c.get("final_logit_softcapping") if t == "gemma2" else None
    if cap is not None:
        logits = torch.tanh(logits / cap) * cap
    return logits


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        t = t.contiguous()
        if t.dtype == torch.bfloat16:
            dtype, data = "BF16", t.view(torch.int16).numpy().tobytes()
        else:
            dtype, data = {torch.float32: "F32", torch.int64: "I64"}[t.dtype], t.numpy().tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def hf_config(c):
    cfg = {k: v for k, v in c.items() if k != "padding"}
    cfg["architectures"] = [ARCHITECTURES[c["model_type"]]]
    return cfg


def main():
    for index, (name, c) in enumerate(CONFIGS.items()):
        gen = torch.Generator().manual_seed(2000 + index)
        w = make_weights(c, gen)
        folder = os.path.join(HERE, name)
        os.makedirs(folder, exist_ok=True)
        for old in os.listdir(folder):
            os.remove(os.path.join(folder, old))
        with open(os.path.join(folder, "config.json"), "w") as f:
            json.dump(hf_config(c), f, indent=2)
        write_safetensors(os.path.join(folder, "model.safetensors"), w)

        v, t = c["vocab_size"], max(LENGTHS)
        ids = torch.zeros(len(LENGTHS), t, dtype=torch.int64)
        mask = torch.zeros(len(LENGTHS), t, dtype=torch.int64)
        logits = torch.zeros(len(LENGTHS), t, v)
        logits_bf16 = torch.zeros(len(LENGTHS), t, v)
        greedy = torch.zeros(len(LENGTHS), NEW_TOKENS, dtype=torch.int64)
        with torch.no_grad():
            for row, n in enumerate(LENGTHS):
                tokens = torch.randint(1, v, (n,), generator=gen).tolist()
                cols = list(range(t - n, t) if c["padding"] == "left" else range(n))
                ids[row, cols] = torch.tensor(tokens)
                mask[row, cols] = 1
                logits[row, cols] = forward_one(c, w, tokens, torch.float32)
                logits_bf16[row, cols] = forward_one(c, w, tokens, torch.bfloat16)
                sequence = list(tokens)
                for _ in range(NEW_TOKENS):
                    sequence.append(int(forward_one(c, w, sequence, torch.float32)[-1].argmax()))
                greedy[row] = torch.tensor(sequence[n:])
        write_safetensors(os.path.join(folder, "reference.safetensors"),
                          {"input_ids": ids, "attention_mask": mask, "logits": logits,
                           "logits_bf16": logits_bf16, "greedy": greedy})
        print(name, "written", file=sys.stderr)


if __name__ == "__main__":
    main()
