"""Sweep of the difference estimator's reference sharpness on dumped answers (response-clustered anchors)."""
import sys, glob, os
import numpy as np
from variants import load, anchors_from_clusters

def run(path, k, pool, draws, sharp):
    sets, _ = load(path)
    Cal = np.vstack([sets["fixed"], sets["random"][:pool]])
    held = sets["trial"]; truth = held.mean(1); n = Cal.shape[1]
    rng = np.random.default_rng(7)
    out = {"random subset": np.mean([abs(y[rng.choice(n, k, replace=False)].mean() - y.mean()) for y in held])}
    for s in range(draws):
        an, w, lab = anchors_from_clusters(Cal.T.copy(), k, np.random.default_rng(100 + s))
        for S in sharp:
            est = []
            for y in held:
                agree = ((1 - np.abs(Cal[:, an] - y[an][None])) * w).sum(1)
                wt = np.exp(S * (agree - agree.max())); wt /= wt.sum()
                r = wt @ Cal
                rb = np.array([r[lab == j].mean() for j in range(k) if (lab == j).any()])
                est.append(np.clip((rb + y[an] - r[an]) @ w, 0, 1))
            out.setdefault(f"sharpness {S}", []).append(np.mean(np.abs(np.array(est) - truth)))
    return {kk: np.mean(v) for kk, v in out.items()}

folder, task, k, pool, draws = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
files = sorted(glob.glob(os.path.join(folder, f"{task}_*.csv")))
res = [run(f, k, pool, draws, [0, 5, 10, 20, 40, 80]) for f in files]
base = np.mean([r["random subset"] for r in res])
for name in res[0]:
    v = np.mean([r[name] for r in res]); print(f"| {task} | {pool} | {name} | {100*v:.2f} | {v/base:.2f} |")
