"""Generates the ONNX evaluator fixtures in this folder.

Regenerate (from the repository root) with Debian's python, which has the onnx package:
    apt-get install -y python3-onnx python3-numpy   # once
    /usr/bin/python3 tests/EvoMerge.Evaluation.Tests/Fixtures/make_fixtures.py

Writes:
  mlp.onnx                 64-32-10 ReLU MLP; its initializers fc1.weight [32,64], fc1.bias [32],
                           fc2.weight [10,32], fc2.bias [10] (PyTorch state-dict layout, y = x W^T + b)
                           are also graph inputs, so ONNX Runtime lets a caller override them per run
                           (IR version >= 4 semantics). Defaults are weight set A.
  mlp_constant.onnx        the same network with initializers that are NOT graph inputs (not overridable).
  weights_a.safetensors    weight set A (the defaults baked into mlp.onnx).
  weights_b.safetensors    weight set B, drawn independently.
  data.csv                 40 rows: f0..f63, label (labels: argmax of A's logits for rows 0-29, random after).
  data.jsonl               the same rows as {"inputs": [...], "label": k}.
  logits_a.csv, logits_b.csv  reference logits (40 x 10) computed here in float64 numpy, no ONNX involved.
Inputs are written with 9 significant digits (float32 values round-trip exactly), reference logits with 17.
"""
import json
import os
import struct

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS, IN, HIDDEN, OUT = 40, 64, 32, 10
rng = np.random.default_rng(20240611)


def weight_set():
    # Kaiming-like scale keeps the logits of order 1, so a 1e-5 absolute tolerance is meaningful.
    return {
        "fc1.weight": (rng.standard_normal((HIDDEN, IN)) / np.sqrt(IN)).astype(np.float32),
        "fc1.bias": (0.1 * rng.standard_normal(HIDDEN)).astype(np.float32),
        "fc2.weight": (rng.standard_normal((OUT, HIDDEN)) / np.sqrt(HIDDEN)).astype(np.float32),
        "fc2.bias": (0.1 * rng.standard_normal(OUT)).astype(np.float32),
    }


def logits(weights, x):
    w = {k: v.astype(np.float64) for k, v in weights.items()}
    h = np.maximum(x.astype(np.float64) @ w["fc1.weight"].T + w["fc1.bias"], 0.0)
    return h @ w["fc2.weight"].T + w["fc2.bias"]


def write_safetensors(path, tensors):
    header, offset, blobs = {"__metadata__": {"format": "pt"}}, 0, []
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)  # pad so the data buffer starts 8-byte aligned
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def make_model(weights, initializers_as_inputs):
    nodes = [
        helper.make_node("Gemm", ["input", "fc1.weight", "fc1.bias"], ["h1"], transB=1),
        helper.make_node("Relu", ["h1"], ["h1_relu"]),
        helper.make_node("Gemm", ["h1_relu", "fc2.weight", "fc2.bias"], ["logits"], transB=1),
    ]
    inputs = [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", IN])]
    if initializers_as_inputs:
        inputs += [helper.make_tensor_value_info(n, TensorProto.FLOAT, list(a.shape)) for n, a in weights.items()]
    graph = helper.make_graph(
        nodes, "mlp", inputs,
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", OUT])],
        initializer=[numpy_helper.from_array(a, name=n) for n, a in weights.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_fixtures.py")
    model.ir_version = 7  # read by every ONNX Runtime since 1.6; >= 4 so graph-input initializers are overridable
    onnx.checker.check_model(model)
    return model


def fmt(v):
    return "%.9g" % v


def main():
    a, b = weight_set(), weight_set()
    x = rng.standard_normal((ROWS, IN)).astype(np.float32)
    la, lb = logits(a, x), logits(b, x)
    labels = np.argmax(la, axis=1)
    labels[30:] = rng.integers(0, OUT, ROWS - 30)
    for name, l in (("A", la), ("B", lb)):
        top2 = np.sort(l, axis=1)[:, -2:]
        assert np.min(top2[:, 1] - top2[:, 0]) > 1e-3, f"weight set {name}: an argmax is too close to a tie"
    assert np.any(np.argmax(la, 1) != np.argmax(lb, 1)), "A and B must predict differently somewhere"

    onnx.save(make_model(a, True), os.path.join(HERE, "mlp.onnx"))
    onnx.save(make_model(a, False), os.path.join(HERE, "mlp_constant.onnx"))
    write_safetensors(os.path.join(HERE, "weights_a.safetensors"), a)
    write_safetensors(os.path.join(HERE, "weights_b.safetensors"), b)

    with open(os.path.join(HERE, "data.csv"), "w", newline="\n") as f:
        f.write(",".join([f"f{i}" for i in range(IN)] + ["label"]) + "\n")
        for row, label in zip(x, labels):
            f.write(",".join([fmt(v) for v in row] + [str(int(label))]) + "\n")
    with open(os.path.join(HERE, "data.jsonl"), "w", newline="\n") as f:
        for row, label in zip(x, labels):
            f.write('{"inputs": [' + ", ".join(fmt(v) for v in row) + '], "label": ' + str(int(label)) + "}\n")
    for name, l in (("logits_a.csv", la), ("logits_b.csv", lb)):
        with open(os.path.join(HERE, name), "w", newline="\n") as f:
            for row in l:
                f.write(",".join("%.17g" % v for v in row) + "\n")


if __name__ == "__main__":
    main()
