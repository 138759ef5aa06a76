"""Moving reference: one candidate per generation scored in full; the others estimated by their anchor differences from it."""
import sys, glob, os
import numpy as np
from variants import load, anchors_from_clusters

def run(path, k, pool, pop, draws, every):
    sets, _ = load(path)
    Cal = np.vstack([sets["fixed"], sets["random"][:pool]])
    T = sets["trial"]; n = T.shape[1]
    rng = np.random.default_rng(3)
    out = {}
    gens = len(T) // pop
    refs = [g * pop for g in range(0, gens, every)]
    est_idx = [t for t in range(len(T)) if t not in refs]
    truth = T[est_idx].mean(1)
    out["random subset k"] = np.mean([abs(T[t][rng.choice(n, k, replace=False)].mean() - T[t].mean()) for t in est_idx])
    kk = k + n // (pop * every)
    out[f"random subset k+amortized ({kk})"] = np.mean([abs(T[t][rng.choice(n, kk, replace=False)].mean() - T[t].mean()) for t in est_idx])
    for s in range(draws):
        def add(name, est): out.setdefault(name, []).append(np.mean(np.abs(np.array(est) - truth)))
        an, w, lab = anchors_from_clusters(Cal.T.copy(), k, np.random.default_rng(100 + s))
        ra = np.random.default_rng(300 + s).choice(n, k, replace=False)
        add("correctness anchors weighted", [T[t][an] @ w for t in est_idx])
        def latest_ref(t):
            g = t // pop
            return T[max(r for r in refs if r <= g * pop)]
        def nearest_ref(t, a):
            known = [T[r] for r in refs if r < t or (r // pop == t // pop)] + list(Cal)
            known = np.array(known)
            return known[np.argmin(np.abs(known[:, a] - T[t][a][None]).sum(1))]
        add("random anchors, diff vs generation ref", [latest_ref(t).mean() + (T[t][ra] - latest_ref(t)[ra]).mean() for t in est_idx])
        add("correctness anchors, diff vs generation ref", [latest_ref(t).mean() + (T[t][an] - latest_ref(t)[an]) @ w for t in est_idx])
        add("random anchors, diff vs nearest known", [nearest_ref(t, ra).mean() + (T[t][ra] - nearest_ref(t, ra)[ra]).mean() for t in est_idx])
    return {kk: np.mean(v) for kk, v in out.items()}

if __name__ == "__main__":
    folder, task, k, pool, pop, draws, every = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:8])
    files = sorted(glob.glob(os.path.join(folder, f"{task}_*.csv")))
    res = [run(f, k, pool, pop, draws, every) for f in files]
    base = np.mean([r["random subset k"] for r in res])
    print(f"## {task}: {len(files)} seeds, {k} anchors, pop {pop}, reference every {every} generations")
    for name in res[0]:
        v = np.mean([r[name] for r in res]); print(f"| {name} | {100*v:.2f} | {v/base:.2f} |")
