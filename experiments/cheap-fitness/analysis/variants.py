"""Offline estimator study on dumped answers (`./run.sh experiment cheap-fitness --dump-responses DIR`).

Usage: /usr/bin/python3 variants.py DIR [n_anchors_digits] [n_anchors_toy]
Each dump file holds the calibration points (sources, simple merges), a pool of random candidates and
the full-evaluation search's trials (the held-out candidates). Prints each variant's mean absolute error
against full evaluation and its ratio to a uniform random subset of the same size.
"""
import sys, glob, os
import numpy as np


def load(path):
    sets = {"fixed": [], "random": [], "trial": []}
    strata = None
    for line in open(path).read().splitlines()[1:]:
        s, i, genes, answers = line.split(",")
        if s == "strata":
            strata = np.array([int(x) for x in answers.split(";")])
            continue
        sets[s].append(np.frombuffer(answers.encode(), dtype=np.uint8) - ord("0"))
    return {k: np.array(v, dtype=float) for k, v in sets.items()}, strata


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def fit_irt(Y, d=1, steps=1500, lr=0.05, seed=0):
    """MAP fit of a d-dimensional 2PL (compensatory MIRT): P = sigmoid(theta_j . a_i + c_i); priors a ~ N(1 or 0, 1), c ~ N(0, 9), theta ~ N(0, I)."""
    rng = np.random.default_rng(seed)
    m, n = Y.shape
    theta = rng.normal(0, 0.1, (m, d))
    p0 = (Y.mean(1) + 0.01) / 1.02
    theta[:, 0] = (np.log(p0 / (1 - p0)) - np.log(p0 / (1 - p0)).mean()) / (np.log(p0 / (1 - p0)).std() + 1e-9)
    A = np.zeros((n, d)); A[:, 0] = 1
    A[:, 1:] = rng.normal(0, 0.1, (n, d - 1))
    pi = (Y.mean(0) * m + 0.5) / (m + 1)
    c = np.log(pi / (1 - pi))
    prior_a = np.zeros(d); prior_a[0] = 1
    params = [theta, A, c]
    mom = [np.zeros_like(x) for x in params]; vel = [np.zeros_like(x) for x in params]
    for t in range(1, steps + 1):
        Z = theta @ A.T + c
        R = Y - sigmoid(Z)
        g_theta = R @ A - theta
        g_A = R.T @ theta - (A - prior_a)
        g_c = R.sum(0) - c / 9
        for k, g in enumerate([g_theta, g_A, g_c]):
            mom[k] = 0.9 * mom[k] + 0.1 * g
            vel[k] = 0.999 * vel[k] + 0.001 * g * g
            params[k] += lr * (mom[k] / (1 - 0.9 ** t)) / (np.sqrt(vel[k] / (1 - 0.999 ** t)) + 1e-8)
    return A, c


def fit_ability(y, A, c, anchors, steps=300, lr=0.1):
    d = A.shape[1]
    theta = np.zeros(d)
    Aa, ca = A[anchors], c[anchors]
    for _ in range(steps):
        p = sigmoid(Aa @ theta + ca)
        g = Aa.T @ (y - p) - theta
        H = (Aa * (p * (1 - p))[:, None]).T @ Aa + np.eye(d)
        step = np.linalg.solve(H, g)
        step = np.clip(step, -1, 1)
        theta = theta + step
        if np.abs(step).max() < 1e-8:
            break
    return theta


def kmeans(X, k, rng, iters=50):
    n = len(X)
    centers = [X[rng.integers(n)]]
    for _ in range(1, k):
        d2 = np.min(((X[:, None, :] - np.array(centers)[None]) ** 2).sum(-1), axis=1)
        if d2.sum() <= 0:
            centers.append(X[rng.integers(n)])
        else:
            centers.append(X[rng.choice(n, p=d2 / d2.sum())])
    C = np.array(centers, dtype=float)
    for _ in range(iters):
        lab = np.argmin(((X[:, None, :] - C[None]) ** 2).sum(-1), axis=1)
        for j in range(k):
            if (lab == j).any():
                C[j] = X[lab == j].mean(0)
    lab = np.argmin(((X[:, None, :] - C[None]) ** 2).sum(-1), axis=1)
    # empty clusters: give them the farthest points
    for j in range(k):
        if not (lab == j).any():
            dist = ((X - C[lab]) ** 2).sum(-1)
            counts = np.bincount(lab, minlength=k)
            dist[counts[lab] <= 1] = -1
            i = int(np.argmax(dist)); lab[i] = j; C[j] = X[i]
    return lab, C


def anchors_from_clusters(X, k, rng):
    lab, C = kmeans(X, k, rng)
    anchors, weights = [], []
    for j in range(k):
        idx = np.where(lab == j)[0]
        if len(idx) == 0:
            continue
        best = idx[np.argmin(((X[idx] - C[j]) ** 2).sum(-1))]
        anchors.append(best); weights.append(len(idx) / len(X))
    return np.array(anchors), np.array(weights), lab


def standardize(X):
    s = X.std(0); s[s < 1e-12] = 1
    return (X - X.mean(0)) / s


def study(path, k, rng_seed=0, first_trials_calibration=False, pool=12):
    sets, strata = load(path)
    Fixed, Random, Trials = sets["fixed"], sets["random"], sets["trial"]
    Cal = np.vstack([Fixed, Random[:pool]])
    held = Trials
    if first_trials_calibration:
        Cal = Trials[:pool]
        held = Trials[pool:]
    truth = held.mean(1)
    n = Cal.shape[1]
    rng = np.random.default_rng(rng_seed)
    out = {}
    # uniform random subsets
    errs = []
    for y in held:
        idx = rng.choice(n, k, replace=False)
        errs.append(abs(y[idx].mean() - y.mean()))
    out["random subset"] = np.mean(errs)
    rand_idx = rng.choice(n, k, replace=False)
    out["one random subset (fixed)"] = np.mean(np.abs(held[:, rand_idx].mean(1) - truth))
    ref = Cal.mean(0)  # per-item calibration mean
    # difference estimator on a fixed uniform random subset, reference = calibration mean
    out["random anchors, diff vs calib mean"] = np.mean(np.abs(ref.mean() + (held[:, rand_idx] - ref[rand_idx]).mean(1) - truth))
    # anchors by clustering the calibration response columns (tinyBenchmarks "correctness")
    X = standardize(Cal.T.copy())
    an, w, lab = anchors_from_clusters(Cal.T.copy(), k, np.random.default_rng(rng_seed + 1))
    est = held[:, an] @ w
    out["correctness anchors, weighted"] = np.mean(np.abs(est - truth))
    clmean = np.array([ref[lab == j].mean() for j in range(k) if (lab == j).any()])
    est = (clmean + held[:, an] - ref[an]) @ w
    out["correctness anchors, diff vs calib mean"] = np.mean(np.abs(est - truth))
    # nearest calibration model as the reference (by agreement on the anchors)
    def nearest_ref(y_an, an):
        dist = np.abs(Cal[:, an] - y_an[None]).sum(1)
        return Cal[np.argmin(dist)]
    est = np.array([nearest_ref(y[an], an).mean() + ((y[an] - nearest_ref(y[an], an)[an]) @ w) for y in held])
    out["correctness anchors, diff vs nearest calib model"] = np.mean(np.abs(est - truth))
    est = np.array([nearest_ref(y[rand_idx], rand_idx).mean() + (y[rand_idx] - nearest_ref(y[rand_idx], rand_idx)[rand_idx]).mean() for y in held])
    out["random anchors, diff vs nearest calib model"] = np.mean(np.abs(est - truth))
    # IRT variants
    for d in (1, 2, 3):
        A, c = fit_irt(Cal, d=d)
        feats = standardize(np.hstack([A, c[:, None]]))
        an2, w2, lab2 = anchors_from_clusters(feats, k, np.random.default_rng(rng_seed + 2))
        is_an = np.zeros(n, bool); is_an[an2] = True
        pirt, greg, greg_r = [], [], []
        for y in held:
            th = fit_ability(y[an2], A, c, an2)
            P = sigmoid(A @ th + c)
            pirt.append((y[an2].sum() + P[~is_an].sum()) / n)
            greg.append(P.mean() + (y[an2] - P[an2]) @ w2)
            th_r = fit_ability(y[rand_idx], A, c, rand_idx)
            P = sigmoid(A @ th_r + c)
            greg_r.append(P.mean() + (y[rand_idx] - P[rand_idx]).mean())
        out[f"IRT d={d} anchors, weighted"] = np.mean(np.abs(held[:, an2] @ w2 - truth))
        out[f"IRT d={d} anchors, p-IRT"] = np.mean(np.abs(np.array(pirt) - truth))
        out[f"IRT d={d} anchors, p-IRT + anchor residuals"] = np.mean(np.abs(np.array(greg) - truth))
        out[f"random anchors, IRT d={d} + residuals"] = np.mean(np.abs(np.array(greg_r) - truth))
    return out


if __name__ == "__main__":
    folder = sys.argv[1]
    ks = {"digits": int(sys.argv[2]) if len(sys.argv) > 2 else 64, "evollm-toy": int(sys.argv[3]) if len(sys.argv) > 3 else 48}
    mode = sys.argv[4] if len(sys.argv) > 4 else "current"
    for task in ("digits", "evollm-toy"):
        files = sorted(glob.glob(os.path.join(folder, f"{task}_*.csv")))
        if not files:
            continue
        kw = {"current": dict(pool=12 if task == "digits" else 6), "pool40": dict(pool=40),
              "first-trials": dict(first_trials_calibration=True, pool=20 if task == "digits" else 12)}[mode]
        results = [study(f, ks[task], **kw) for f in files]
        base = np.mean([r["random subset"] for r in results])
        print(f"## {task} ({len(files)} seeds, {ks[task]} examples, calibration {mode})")
        for name in results[0]:
            v = np.mean([r[name] for r in results])
            print(f"| {task} | {name} | {100*v:.2f} | {v/base:.2f} |")
