"""Neighbour reference + importance-sampled anchors, and fresh-per-candidate completion (offline study).

Usage: /usr/bin/python3 neighbour.py DIR TASK N_ANCHORS POOL DRAWS [VARIANTS]
   e.g. /usr/bin/python3 neighbour.py /tmp/irtdump digits 64 12 3
        /usr/bin/python3 neighbour.py /tmp/irtdump evollm-toy 32 4 4
Calibration: the dump's fixed points and its first POOL random candidates; held out: the full-evaluation
search's trials, taken generation by generation (population 10 on digits, 12 on the toy). "+ recal" adds the
search's own full scoring: after each generation, the trial with the best *estimate* (as the product picks
it) is scored in full and joins the fully scored set F for the later generations. Every variant draws its
anchors fresh per candidate (no draw shared by a whole run), and is averaged over DRAWS runs.

Estimators (a candidate's answers y, a reference r_i in [0, 1] per item, N items, n anchors):
- nb-is: r = inverse-distance-weighted mean of the answers of the k=8 models of F nearest in gene space;
  anchors drawn with replacement with q_i = (1-f) sqrt(r_i (1-r_i)) / sum + f / N (f = 0.3); estimate
  mean(r) + mean_a (y_a - r_a) / (q_a N): unbiased whatever r is.
- completion-fresh: uniform anchors (without replacement) and the completed vector's mean, the simplex
  mix of F fitted on the anchors (the product's `completion`, drawn per candidate).
- completion-is: n/2 uniform anchors fit the simplex mix as the reference r, then n/2 importance-sampled
  anchors as in nb-is (unbiased given the first stage) and the first stage's residual mean averaged in.
Prints MAE in points and its ratio to a fresh uniform random subset of N_ANCHORS per candidate (20
subsets per candidate), and the ratio against a random subset of N_ANCHORS + the amortized full scoring.
"""
import sys, glob, os
import numpy as np
import completion


def load(path):
    sets = {"fixed": [], "random": [], "trial": []}
    genes = {"fixed": [], "random": [], "trial": []}
    for line in open(path).read().splitlines()[1:]:
        s, _, g, answers = line.split(",", 3)
        if s not in sets:
            continue
        sets[s].append(np.frombuffer(answers.encode(), dtype=np.uint8) - ord("0"))
        genes[s].append(np.array([float(x) for x in g.split(";")]))
    return {k: np.array(v, dtype=float) for k, v in sets.items()}, {k: np.array(v) for k, v in genes.items()}


def simplex_ls(Xa, ya):
    # completion.py's projected-gradient fit, with the iteration budget this study's figures were made with.
    return completion.simplex_ls(Xa, ya, iters=300, tol=1e-9)


def is_draw(r, m, rng, f=0.3):
    n = len(r); u = np.sqrt(np.clip(r * (1 - r), 0, None))
    q = (1 - f) * (u / u.sum() if u.sum() > 0 else np.full(n, 1 / n)) + f / n
    idx = rng.choice(n, m, replace=True, p=q)
    return idx, q[idx] * n


def local_linear(g, FA, FG, k=30, ridge=1e-2):
    """Per item, a weighted least-squares plane over the k nearest fully scored models in gene space, read at g."""
    k = min(k, len(FG)); d = np.linalg.norm(FG - g, axis=1); nn = np.argsort(d)[:k]
    w = 1 / (d[nn] + 1e-3); w /= w.sum()
    X = np.hstack([np.ones((k, 1)), FG[nn] - g]); R = ridge * np.eye(X.shape[1]); R[0, 0] = 0
    beta = np.linalg.solve(X.T @ (w[:, None] * X) + R, X.T @ (w[:, None] * FA[nn]))
    return np.clip(beta[0], 0, 1)


def systematic_pps(r, n, rng, f=0.3):
    """Inclusion probabilities pi = n q (capped at 1, the rest rescaled), systematic sampling over items ordered by r."""
    N = len(r); u = np.sqrt(np.clip(r * (1 - r), 0, None))
    q = (1 - f) * (u / u.sum() if u.sum() > 0 else np.full(N, 1 / N)) + f / N
    pi = n * q
    for _ in range(N):
        over = pi > 1
        if not over.any():
            break
        pi[over] = 1; rest = ~over & (pi < 1)
        pi[rest] *= (n - (pi >= 1).sum()) / pi[rest].sum()
    order = np.argsort(r, kind="stable"); certain = order[pi[order] >= 1]; others = order[pi[order] < 1]
    cs = np.cumsum(pi[others]); pts = rng.uniform(0, 1) + np.arange(int(round(cs[-1]))) if len(others) else []
    picked = others[np.minimum(np.searchsorted(cs, pts), len(others) - 1)] if len(others) else np.array([], int)
    return np.concatenate([certain, picked]).astype(int), pi


def estimate(kind, y, g, FA, FG, n, rng, k=8):
    N = len(y)
    if kind == "neighbour":
        r = local_linear(g, FA, FG)
        idx, pi = systematic_pps(r, n, rng)
        return r.mean() + np.sum((y[idx] - r[idx]) / pi[idx]) / N
    if kind == "nb-is":
        d = np.linalg.norm(FG - g, axis=1); nn = np.argsort(d)[:k]; w = 1 / (d[nn] + 1e-3); w /= w.sum()
        r = w @ FA[nn]
        idx, qn = is_draw(r, n, rng)
        return r.mean() + np.mean((y[idx] - r[idx]) / qn)
    if kind == "completion-fresh":
        an = rng.choice(N, n, replace=False); mask = np.ones(N, bool); mask[an] = False
        r = simplex_ls(FA[:, an], y[an]) @ FA
        return (y[an].sum() + r[mask].sum()) / N
    if kind == "completion-is":
        h = n // 2
        an = rng.choice(N, h, replace=False)
        r = simplex_ls(FA[:, an], y[an]) @ FA
        idx, qn = is_draw(r, n - h, rng)
        return r.mean() + np.mean((y[idx] - r[idx]) / qn)
    raise ValueError(kind)


def run(path, n, pool, draws, kinds, pop):
    A, G = load(path)
    C = np.vstack([A["fixed"], A["random"][:pool]]); CG = np.vstack([G["fixed"], G["random"][:pool]])
    H, HG = A["trial"], G["trial"]; N = H.shape[1]; truth = H.mean(1)
    rng = np.random.default_rng(7)
    rmae = np.mean([abs(y[rng.choice(N, n, replace=False)].mean() - y.mean()) for y in H for _ in range(20)])
    extra = int(round(N / pop))  # amortized full scoring per candidate with one recalibration per generation
    rmae_plus = np.mean([abs(y[rng.choice(N, min(N, n + extra), replace=False)].mean() - y.mean()) for y in H for _ in range(20)])
    out = {}
    for kind in kinds:
        for recal in RECAL:
            errs = []
            for d in range(draws):
                drng = np.random.default_rng(1000 * d + 17)
                FA, FG = C, CG; est = np.zeros(len(H))
                for start in range(0, len(H), pop):
                    gen = range(start, min(start + pop, len(H)))
                    for t in gen:
                        est[t] = estimate(kind, H[t], HG[t], FA, FG, n, drng)
                    if recal:
                        best = max(gen, key=lambda t: est[t]) if recal == "best" else gen[0]
                        FA = np.vstack([FA, H[best:best + 1]]); FG = np.vstack([FG, HG[best:best + 1]])
                errs.append(np.mean(np.abs(est - truth)))
            out[kind + (f" + recal ({recal})" if recal else "")] = np.mean(errs)
    return out, rmae, rmae_plus


if __name__ == "__main__":
    folder, task, n, pool, draws = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    kinds = sys.argv[6].split(",") if len(sys.argv) > 6 else ["neighbour", "nb-is", "completion-fresh", "completion-is"]
    RECAL = [None, "first", "best"]
    pop = 10 if task == "digits" else 12
    files = sorted(glob.glob(os.path.join(folder, f"{task}_*.csv")))
    res = [run(f, n, pool, draws, kinds, pop) for f in files]
    base = np.mean([r[1] for r in res]); base_plus = np.mean([r[2] for r in res])
    print(f"## {task}: {len(files)} seeds, {n} anchors, calibration fixed + {pool} random, {draws} draws;"
          f" random subset {100 * base:.2f}, random subset of {n} + amortized recalibration {100 * base_plus:.2f}")
    for name in res[0][0]:
        per_seed = [r[0][name] / r[1] for r in res]
        v = np.mean([r[0][name] for r in res])
        plus = f" | {v / base_plus:.2f}" if "recal" in name else " | "
        print(f"| {task} ({n}, {pool}) | {name} | {100 * v:.2f} | {v / base:.2f}{plus} | {' '.join(f'{x:.2f}' for x in per_seed)} |")
