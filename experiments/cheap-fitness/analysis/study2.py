"""Second pass: the promising variants, averaged over several anchor draws per seed (one draw's error is shared by near-identical candidates)."""
import sys, glob, os
import numpy as np
from variants import load, fit_irt, fit_ability, sigmoid, anchors_from_clusters, standardize

def run(path, k, pool, draws, dims):
    sets, strata = load(path)
    Cal = np.vstack([sets["fixed"], sets["random"][:pool]])
    held = sets["trial"]; truth = held.mean(1); n = Cal.shape[1]
    ref = Cal.mean(0)
    out = {}
    rng = np.random.default_rng(7)
    out["random subset"] = np.mean([abs(y[rng.choice(n, k, replace=False)].mean() - y.mean()) for y in held])
    irt = {d: fit_irt(Cal, d=d) for d in dims}
    for s in range(draws):
        def add(name, est):
            out.setdefault(name, []).append(np.mean(np.abs(est - truth)))
        an, w, lab = anchors_from_clusters(Cal.T.copy(), k, np.random.default_rng(100 + s))
        rbar = np.array([ref[lab == j].mean() for j in range(k) if (lab == j).any()])
        add("correctness anchors, weighted", held[:, an] @ w)
        add("correctness anchors, diff vs calib mean", (rbar + held[:, an] - ref[an]) @ w)
        # similarity-weighted reference: calibration models weighted by agreement on the anchors
        def knn(y):
            agree = ((Cal[:, an] == y[an][None]) * w).sum(1)
            wt = np.exp(20 * (agree - agree.max())); wt /= wt.sum()
            r = wt @ Cal
            rb = np.array([r[lab == j].mean() for j in range(k) if (lab == j).any()])
            return (rb + y[an] - r[an]) @ w
        add("correctness anchors, diff vs similarity-weighted calib", np.array([knn(y) for y in held]))
        for d, (A, c) in irt.items():
            feats = standardize(np.hstack([A, c[:, None]]))
            an2, w2, lab2 = anchors_from_clusters(feats, k, np.random.default_rng(200 + s))
            rbar2 = np.array([ref[lab2 == j].mean() for j in range(k) if (lab2 == j).any()])
            add(f"IRT d={d} anchors, weighted", held[:, an2] @ w2)
            add(f"IRT d={d} anchors, diff vs calib mean", (rbar2 + held[:, an2] - ref[an2]) @ w2)
            g = []
            for y in held:
                P = sigmoid(A @ fit_ability(y[an2], A, c, an2) + c)
                Pb = np.array([P[lab2 == j].mean() for j in range(k) if (lab2 == j).any()])
                g.append((Pb + y[an2] - P[an2]) @ w2)
            add(f"IRT d={d} anchors, p-IRT + cluster residuals", np.array(g))
    return {kk: np.mean(v) for kk, v in out.items()}

if __name__ == "__main__":
    folder, task, k, pool, draws = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    dims = [int(x) for x in sys.argv[6].split(",")] if len(sys.argv) > 6 else [1, 2]
    files = sorted(glob.glob(os.path.join(folder, f"{task}_*.csv")))
    res = [run(f, k, pool, draws, dims) for f in files]
    base = np.mean([r["random subset"] for r in res])
    print(f"## {task}: {len(files)} seeds, {k} examples, calibration = fixed points + {pool} random, {draws} anchor draws")
    for name in res[0]:
        v = np.mean([r[name] for r in res])
        print(f"| {task} | {pool} | {name} | {100*v:.2f} | {v/base:.2f} |")
