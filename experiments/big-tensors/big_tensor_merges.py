"""Merges of one tensor over 2 GiB (a bf16 embedding of ROWS x 2048) with `./run.sh merge`, for the methods
that once failed on such tensors (slerp, linear with dtype float32, della, passthrough): writes three random
single-tensor checkpoints, runs each merge under /usr/bin/time, and compares sampled rows of each output with
values computed here with torch. Prints one line per method; exits non-zero if a merge fails or differs.
Usage (from the repository root): /usr/bin/python3 experiments/big-tensors/big_tensor_merges.py WORK_DIR [ROWS]
WORK_DIR must not exist; it needs about 7 x the tensor's size of disk and is removed at the end."""
import json
import os
import re
import shutil
import subprocess
import sys
import time

import numpy as np
import torch

NAME = "model.embed_tokens.weight"
COLUMNS = 2048
SAMPLE_ROWS = 64


def write_checkpoint(folder, rows, seed, base=None, noise=0.01):
    """bf16 N(0, 0.02^2) (or base + N(0, noise^2)) written block by block, so memory stays small."""
    os.makedirs(folder)
    size = rows * COLUMNS * 2
    header = json.dumps({NAME: {"dtype": "BF16", "shape": [rows, COLUMNS], "data_offsets": [0, size]}}).encode()
    header += b" " * (-len(header) % 8)
    generator = torch.Generator().manual_seed(seed)
    block = 16384
    with open(os.path.join(folder, "model.safetensors"), "wb") as out:
        out.write(len(header).to_bytes(8, "little") + header)
        for start in range(0, rows, block):
            n = min(block, rows - start)
            if base is None:
                values = torch.randn(n, COLUMNS, generator=generator) * 0.02
            else:
                values = read_rows(base, start, n) + torch.randn(n, COLUMNS, generator=generator) * noise
            out.write(values.to(torch.bfloat16).view(torch.int16).numpy().tobytes())
    config = {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": COLUMNS,
              "num_hidden_layers": 0, "vocab_size": rows, "torch_dtype": "bfloat16"}
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(config, f)


def tensor_file(folder):
    path = os.path.join(folder, "model.safetensors")
    with open(path, "rb") as f:
        length = int.from_bytes(f.read(8), "little")
        info = json.loads(f.read(length))[NAME]
    return path, 8 + length, info


def read_rows(folder, start, count):
    """Rows [start, start + count) as float32."""
    path, data_start, info = tensor_file(folder)
    dtype = {"BF16": np.int16, "F32": np.float32}[info["dtype"]]
    data = np.memmap(path, dtype=dtype, mode="r", offset=data_start, shape=tuple(info["shape"]))
    rows = torch.from_numpy(np.array(data[start:start + count]))
    return rows.view(torch.bfloat16).float() if info["dtype"] == "BF16" else rows


def whole_dot_and_norms(x, y, rows):
    """Sums over the whole tensors of x.y, x.x and y.y in float64, block by block."""
    dot = xx = yy = 0.0
    for start in range(0, rows, 65536):
        n = min(65536, rows - start)
        a, b = read_rows(x, start, n).double(), read_rows(y, start, n).double()
        dot += float((a * b).sum()); xx += float((a * a).sum()); yy += float((b * b).sum())
    return dot, xx, yy


def merge(work, method, body):
    config = os.path.join(work, f"{method}.yml")
    with open(config, "w") as f:
        f.write(body)
    out = os.path.join(work, f"out-{method}")
    start = time.time()
    run = subprocess.run(["/usr/bin/time", "-v", "./run.sh", "merge", config, out], capture_output=True, text=True)
    seconds = time.time() - start
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    return run, out, seconds, int(peak.group(1)) * 1024 if peak else -1


def main(work, rows):
    if os.path.exists(work):
        sys.exit(f"{work} exists; give a new folder")
    os.makedirs(work)
    try:
        base, a, b = (os.path.join(work, n) for n in ("base", "a", "b"))
        write_checkpoint(base, rows, 1)
        write_checkpoint(a, rows, 2, base=base)
        write_checkpoint(b, rows, 3, base=base)
        tensor_bytes = rows * COLUMNS * 2
        sample = sorted(set(np.random.default_rng(0).integers(0, rows, SAMPLE_ROWS).tolist()) | {0, rows - 1})
        print(f"tensor {NAME} [{rows}, {COLUMNS}] bf16 = {tensor_bytes / 2**30:.3f} GiB; {len(sample)} sampled rows")
        t, failures = 0.3, 0

        dot, xx, yy = whole_dot_and_norms(base, a, rows)
        cos = dot / (xx ** 0.5 * yy ** 0.5)
        theta = np.arccos(np.clip(cos, -1, 1))

        def slerp_rows(start):
            x, y = read_rows(base, start, 1).double(), read_rows(a, start, 1).double()
            if abs(cos) > 0.9995:   # mergekit's near-colinear fallback: linear interpolation
                return (1 - t) * x + t * y
            return (np.sin((1 - t) * theta) * x + np.sin(t * theta) * y) / np.sin(theta)

        def della_check(rows_and_outputs):
            """Each element is base + one of the values DELLA can give it: each expert's task vector kept (times its
            tensor-wide L1 rescale factor k_i, read off the elements where only that expert was kept) or dropped, then
            sign election and the mean of the agreeing ones; within bf16 rounding. Returns (all match, share equal to base)."""
            xs, ds, deltas = [], [[], []], []
            for start, got in rows_and_outputs:
                x = read_rows(base, start, 1).double()[0]
                xs.append(x)
                for i, m in enumerate((a, b)):
                    ds[i].append(read_rows(m, start, 1).double()[0] - x)
                deltas.append(got.double()[0] - x)
            x, delta = torch.cat(xs), torch.cat(deltas)
            d = [torch.cat(v) for v in ds]
            k = []
            for i in range(2):   # the most frequent ratio delta / d_i is k_i (the elements only expert i kept)
                ratio = delta / d[i]
                ratio = ratio[(d[i].abs() > 1e-3) & (ratio > 0.5) & (ratio < 4)]
                counts = torch.histc(ratio, bins=350, min=0.5, max=4)
                k.append(0.5 + (int(counts.argmax()) + 0.5) * 0.01)
            candidates = [torch.zeros_like(x)]
            for keep in ((1, 0), (0, 1), (1, 1)):
                kept = [k[i] * d[i] if keep[i] else torch.zeros_like(x) for i in range(2)]
                total = kept[0] + kept[1]
                agree = [(torch.sign(v) == torch.sign(total)) & (v != 0) for v in kept]
                num = torch.where(agree[0], kept[0], 0) + torch.where(agree[1], kept[1], 0)
                den = agree[0].double() + agree[1].double()
                candidates.append(torch.where(den > 0, num / den.clamp(min=1), 0))
            tolerance = 0.02 * (x.abs() + delta.abs()) + 1e-6
            distance = torch.stack([(delta - c).abs() for c in candidates]).min(0).values
            matched = float((distance <= tolerance).double().mean())
            return matched, float((delta == 0).double().mean()), k

        cases = {
            "slerp": (f"merge_method: slerp\nbase_model: {base}\nmodels:\n  - model: {base}\n  - model: {a}\nparameters:\n  t: {t}\ndtype: bfloat16\n",
                      lambda s: slerp_rows(s).float().to(torch.bfloat16).float()),
            "linear": (f"merge_method: linear\nmodels:\n  - model: {a}\n    parameters: {{weight: 0.25}}\n  - model: {b}\n    parameters: {{weight: 0.75}}\ndtype: float32\n",
                       lambda s: (0.25 * read_rows(a, s, 1).double() + 0.75 * read_rows(b, s, 1).double()).float()),
            "della": (f"merge_method: della\nbase_model: {base}\nmodels:\n  - model: {a}\n    parameters: {{weight: 1.0, density: 0.5, epsilon: 0.1}}\n"
                      f"  - model: {b}\n    parameters: {{weight: 1.0, density: 0.5, epsilon: 0.1}}\nparameters: {{normalize: true, lambda: 1.0}}\nrandom_seed: 7\ndtype: bfloat16\n", None),
            "passthrough": (f"merge_method: passthrough\nmodels:\n  - model: {a}\ndtype: bfloat16\n", lambda s: read_rows(a, s, 1)),
        }
        for method, (body, expected) in cases.items():
            if os.environ.get("METHODS") and method not in os.environ["METHODS"].split(","):
                continue
            run, out, seconds, peak = merge(work, method, body)
            if run.returncode != 0:
                failures += 1
                print(f"{method}: FAILED, exit {run.returncode}, {seconds:.1f} s\n{run.stdout[-2000:]}\n{run.stderr[-3000:]}")
                continue
            _, _, info = tensor_file(out)
            worst, good = 0.0, True
            if expected is None:
                matched, zero, k = della_check([(s, read_rows(out, s, 1)) for s in sample])
                good = matched == 1.0
                verdict = (f"{matched:.4%} of the sampled elements are one of DELLA's outcomes (L1 rescale factors "
                           f"{k[0]:.2f}, {k[1]:.2f}), {zero:.3f} equal to the base")
            else:
                for s in sample:
                    got, want = read_rows(out, s, 1), expected(s).float()
                    if info["dtype"] == "BF16" and method != "slerp":
                        want = want.to(torch.bfloat16).float()
                    err = float((got - want).abs().max())
                    # slerp: ours computes in the compute dtype, the expectation in float64; a bf16 ulp apart at most
                    worst = max(worst, err / float(want.abs().max()) if method == "slerp" else err)
                good = worst <= (8e-3 if method == "slerp" else 0.0)
                verdict = f"max relative difference {worst:.2e} from float64 slerp" if method == "slerp" else f"max abs difference {worst:.2e}"
            failures += 0 if good else 1
            print(f"{method}: exit 0, {seconds:.1f} s, peak RSS {peak / 2**30:.2f} GiB ({peak / tensor_bytes:.2f} x the input tensor), "
                  f"output {info['dtype']} {info['shape']}: {verdict} -> {'OK' if good else 'DIFFERENT'}")
            shutil.rmtree(out)
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 540000))
