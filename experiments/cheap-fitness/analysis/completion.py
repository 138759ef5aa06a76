"""Answer completion from anchor answers (offline study on `--dump-responses` files).

Usage: /usr/bin/python3 completion.py DIR TASK N_ANCHORS POOL DRAWS
   e.g. /usr/bin/python3 completion.py /tmp/irtdump digits 64 40 2
        /usr/bin/python3 completion.py /tmp/irtdump evollm-toy 48 6 3
Calibration: the fixed points and the first POOL random candidates; held out: the full-evaluation
search's trials. Each anchor-based variant is averaged over DRAWS anchor draws. Prints the MAE (points)
and its ratio to a fresh uniform random subset of N_ANCHORS per candidate (20 subsets per candidate).

Variants: a candidate's unseen answers are predicted from its anchor answers by
- low-rank: calibration mean + top-r principal directions, ridge coefficients on the anchors (r, ridge
  by leave-one-calibration-model-out, or fixed), clipped to [0, 1];
- simplex: the convex mix of calibration models closest to the anchor answers (the product's
  `anchor_estimate: completion`);
and the accuracy is either the completed vector's mean ("complete") or the model's mean prediction plus
the mean anchor residual ("+ residual", a model-assisted difference estimator).
"""
import sys, glob, os
import numpy as np
from variants import load, anchors_from_clusters


def basis(Cal, rank):
    mu = Cal.mean(0)
    _, s, Vt = np.linalg.svd(Cal - mu, full_matrices=False)
    return mu, Vt[:rank].T * s[:rank] / np.sqrt(len(Cal))


def lowrank_predict(y_an, an, mu, B, lam):
    Ba = B[an]
    coef = np.linalg.solve(Ba.T @ Ba + lam * np.eye(B.shape[1]), Ba.T @ (y_an - mu[an]))
    return np.clip(mu + B @ coef, 0, 1)


def loo_choose(Cal, an, ranks, lams):
    """Rank and ridge with the lowest leave-one-calibration-model-out completion error."""
    n = Cal.shape[1]; mask = np.ones(n, bool); mask[an] = False; best = None
    for r in ranks:
        for lam in lams:
            err = []
            for j in range(len(Cal)):
                mu, B = basis(np.delete(Cal, j, 0), min(r, len(Cal) - 2))
                p = lowrank_predict(Cal[j, an], an, mu, B, lam)
                err.append((Cal[j, an].sum() + p[mask].sum()) / n - Cal[j].mean())
            e = np.mean(np.abs(err))
            if best is None or e < best[0]:
                best = (e, r, lam)
    return best


def simplex_proj(v):
    u = np.sort(v)[::-1]; css = np.cumsum(u)
    r = np.nonzero(u * np.arange(1, len(v) + 1) > (css - 1))[0][-1]
    return np.maximum(v - (css[r] - 1) / (r + 1), 0)


def simplex_ls(Xa, ya, iters=500, tol=1e-10):
    m = Xa.shape[0]; b = np.full(m, 1 / m); L = np.linalg.norm(Xa, 2) ** 2 + 1e-12
    for _ in range(iters):
        nb = simplex_proj(b - Xa @ (Xa.T @ b - ya) / L)
        if np.abs(nb - b).max() < tol:
            return nb
        b = nb
    return b


def pivoted_anchors(Cal, k, rank=8):
    """Greedy pivoted QR on the items' loadings on the top principal directions, then by leverage."""
    _, B = basis(Cal, min(rank, len(Cal) - 1))
    R = B.copy(); chosen = []
    for _ in range(min(k, B.shape[1])):
        i = int(np.argmax((R ** 2).sum(1))); chosen.append(i)
        q = R[i] / (np.linalg.norm(R[i]) + 1e-12); R = R - np.outer(R @ q, q)
    for i in np.argsort(-(B ** 2).sum(1)):
        if len(chosen) >= k: break
        if i not in chosen: chosen.append(i)
    return np.array(chosen)


def run(path, k, pool, draws):
    sets, _ = load(path)
    Cal = np.vstack([sets["fixed"], sets["random"][:pool]])
    held = sets["trial"]; truth = held.mean(1); n = Cal.shape[1]
    rng = np.random.default_rng(7)
    # 20 fresh subsets per candidate: one draw each leaves the baseline itself noisy by about 5 %
    out = {"uniform random subset": np.mean([abs(y[rng.choice(n, k, replace=False)].mean() - y.mean()) for y in held for _ in range(20)])}

    def add(name, est):
        out.setdefault(name, []).append(np.mean(np.abs(np.asarray(est) - truth)))

    for s in range(draws):
        an_c, w, lab = anchors_from_clusters(Cal.T.copy(), k, np.random.default_rng(100 + s))
        an_r = np.random.default_rng(300 + s).choice(n, k, replace=False)
        # the product's difference estimator (sharpness 20) on answer-clustered anchors
        est = []
        for y in held:
            agree = ((1 - np.abs(Cal[:, an_c] - y[an_c][None])) * w).sum(1)
            wt = np.exp(20 * (agree - agree.max())); wt /= wt.sum(); r = wt @ Cal
            rb = np.array([r[lab == j].mean() for j in range(k) if (lab == j).any()])
            est.append(np.clip((rb + y[an_c] - r[an_c]) @ w, 0, 1))
        add("clustered anchors, reference difference (anchor_estimate: difference)", est)
        anchor_sets = [("random", an_r), ("clustered", an_c)] + ([("pivoted-QR", pivoted_anchors(Cal, k))] if s == 0 else [])
        for nm, an in anchor_sets:
            mask = np.ones(n, bool); mask[an] = False
            def both(label, P):
                add(f"{nm} anchors, {label}, complete", (held[:, an].sum(1) + P[:, mask].sum(1)) / n)
                if nm == "random":  # the plain residual mean is unbiased only for uniform random anchors
                    add(f"{nm} anchors, {label}, + residual", P.mean(1) + (held[:, an] - P[:, an]).mean(1))
            _, r, lam = loo_choose(Cal, an, [1, 2, 4, 8], [0.1, 1.0, 10.0])
            mu, B = basis(Cal, r)
            both("low-rank (LOO rank, ridge)", np.array([lowrank_predict(y[an], an, mu, B, lam) for y in held]))
            both("simplex mix", np.array([simplex_ls(Cal[:, an], y[an]) @ Cal for y in held]))
    return {kk: np.mean(v) for kk, v in out.items()}


if __name__ == "__main__":
    folder, task, k, pool, draws = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    files = sorted(glob.glob(os.path.join(folder, f"{task}_*.csv")))
    res = [run(f, k, pool, draws) for f in files]
    base = np.mean([r["uniform random subset"] for r in res])
    print(f"## {task}: {len(files)} seeds, {k} examples, calibration fixed + {pool} random, {draws} anchor draws (pivoted QR: 1)")
    for name in res[0]:
        v = np.mean([r[name] for r in res])
        print(f"| {task} ({k}) | {name} | {100 * v:.2f} | {v / base:.2f} |")
