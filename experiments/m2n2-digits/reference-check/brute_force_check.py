"""Independent NumPy check of the pre-trained brute-force SLERP line of SakanaAI/natural_niches.

Re-derives, in float32 NumPy, the reference's pre-trained pair and its brute-force search:
  - init: jax.random.PRNGKey(42) split in two, jax.random.normal(key, (19210,)) * 0.01 for each
    model (JAX 0.4.31 defaults: threefry2x32, non-partitionable split and random bits, uniform in
    (-1, 1) from the top 23 bits, sqrt(2) * erfinv with XLA's single-precision polynomial);
  - training: 10 full-batch Adam steps (lr 0.003, optax defaults) on the mean cross-entropy over
    the training images (first 1437 rows) of digits 0-4, resp. 5-9, pixels unscaled;
  - brute force: t on linspace(0, 1, 10000), whole-vector SLERP, the first t with the best training
    accuracy, its test accuracy reported.
It then repeats the same pipeline for pairs initialised from NumPy's generator (seeds 0..N-1) to
show how much the line depends on the pair. Usage:
  python3 brute_force_check.py [--pairs N] [--data PATH]
Needs only NumPy (Debian: python3-numpy; libopenblas0-pthread makes it ~20x faster).
"""
import argparse
import gzip
import os
import time

import numpy as np

U32 = np.uint32
INPUTS, HIDDEN, OUTPUTS = 64, 256, 10
PARAMS = (1 + INPUTS) * HIDDEN + (1 + HIDDEN) * OUTPUTS


def rotl(x, r):
    return (x << U32(r)) | (x >> U32(32 - r))


def threefry2x32(key, x0, x1):
    """Threefry-2x32 with 20 rounds (Salmon et al. 2011), as JAX's threefry2x32_p."""
    with np.errstate(over="ignore"):
        k0, k1 = U32(key[0]), U32(key[1])
        ks = [k0, k1, k0 ^ k1 ^ U32(0x1BD11BDA)]
        rotations = [(13, 15, 26, 6), (17, 29, 16, 24)]
        x0 = (x0 + ks[0]).astype(U32)
        x1 = (x1 + ks[1]).astype(U32)
        for group in range(5):
            for r in rotations[group % 2]:
                x0 = (x0 + x1).astype(U32)
                x1 = rotl(x1, r) ^ x0
            x0 = (x0 + ks[(group + 1) % 3]).astype(U32)
            x1 = (x1 + ks[(group + 2) % 3] + U32(group + 1)).astype(U32)
        return x0, x1


def threefry_bits(key, count):
    """JAX's threefry_2x32(key, iota(count)): first half and second half of the counters hashed as pairs."""
    counters = np.arange(count, dtype=U32)
    if count % 2:
        counters = np.concatenate([counters, np.zeros(1, U32)])
    half = len(counters) // 2
    y0, y1 = threefry2x32(key, counters[:half], counters[half:])
    return np.concatenate([y0, y1])[:count]


def split(key, num=2):
    return threefry_bits(key, 2 * num).reshape(num, 2)


def erfinv32(x):
    """XLA's single-precision erf_inv (Giles' polynomial), evaluated in float32."""
    x = x.astype(np.float32)
    w = -np.log1p(-x * x).astype(np.float32)
    small = w < np.float32(5)
    ws = (w - np.float32(2.5)).astype(np.float32)
    wl = (np.sqrt(w) - np.float32(3)).astype(np.float32)
    cs = [2.81022636e-08, 3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087,
          -0.00125372503, -0.00417768164, 0.246640727, 1.50140941]
    cl = [-0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773,
          -0.0076224613, 0.00943887047, 1.00167406, 2.83297682]

    def poly(coefficients, v):
        p = np.full_like(v, np.float32(coefficients[0]))
        for c in coefficients[1:]:
            p = (p * v + np.float32(c)).astype(np.float32)
        return p

    return np.where(small, poly(cs, ws), poly(cl, wl)).astype(np.float32) * x


def jax_normal(key, n):
    bits = threefry_bits(key, n)
    floats = ((bits >> U32(9)) | U32(0x3F800000)).view(np.float32) - np.float32(1)
    lo = np.nextafter(np.float32(-1), np.float32(0))
    u = np.maximum(lo, floats * (np.float32(1) - lo) + lo).astype(np.float32)
    return (np.float32(np.sqrt(2)) * erfinv32(u)).astype(np.float32)


def unpack(p):
    s = 0
    w1 = p[s:s + INPUTS * HIDDEN].reshape(INPUTS, HIDDEN); s += INPUTS * HIDDEN
    b1 = p[s:s + HIDDEN]; s += HIDDEN
    w2 = p[s:s + HIDDEN * OUTPUTS].reshape(HIDDEN, OUTPUTS); s += HIDDEN * OUTPUTS
    b2 = p[s:s + OUTPUTS]
    return w1, b1, w2, b2


def logits(p, x):
    w1, b1, w2, b2 = unpack(p)
    return np.maximum(x @ w1 + b1, 0) @ w2 + b2


def accuracy(p, x, y):
    return float(np.mean(np.argmax(logits(p, x), axis=1) == y))


def gradient(p, x, y):
    w1, b1, w2, b2 = unpack(p)
    pre = x @ w1 + b1
    h = np.maximum(pre, 0)
    z = h @ w2 + b2
    z = z - z.max(axis=1, keepdims=True)
    prob = np.exp(z)
    prob /= prob.sum(axis=1, keepdims=True)
    prob[np.arange(len(y)), y] -= 1
    dz = (prob / len(y)).astype(np.float32)
    dh = (dz @ w2.T) * (pre > 0)
    return np.concatenate([(x.T @ dh).ravel(), dh.sum(0), (h.T @ dz).ravel(), dz.sum(0)]).astype(np.float32)


def train(p, x, y, lr=0.003, epochs=10, b1=0.9, b2=0.999, eps=1e-8):
    """optax.adam: bias-corrected moments, update = -lr * m_hat / (sqrt(v_hat) + eps)."""
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    for step in range(1, epochs + 1):
        g = gradient(p, x, y)
        m = np.float32(b1) * m + np.float32(1 - b1) * g
        v = np.float32(b2) * v + np.float32(1 - b2) * g * g
        m_hat = m / np.float32(1 - b1 ** step)
        v_hat = v / np.float32(1 - b2 ** step)
        p = (p - np.float32(lr) * m_hat / (np.sqrt(v_hat) + np.float32(eps))).astype(np.float32)
    return p


def slerp(t, a, b):
    dot = np.dot(a / np.linalg.norm(a), b / np.linalg.norm(b))
    omega = np.arccos(np.clip(dot, -1, 1))
    so = np.sin(omega)
    if so > 1e-6:
        return (np.sin((1 - t) * omega) / so * a + np.sin(t * omega) / so * b).astype(np.float32)
    return ((1 - t) * a + t * b).astype(np.float32)


def brute_force(a, b, data, grid=10_000):
    (xtr, ytr), (xte, yte) = data
    best_train, best_t = -np.inf, None
    for t in np.linspace(0, 1, grid, dtype=np.float32):
        acc = accuracy(slerp(t, a, b), xtr, ytr)
        if acc > best_train:
            best_train, best_t = acc, t
    return float(best_t), best_train, accuracy(slerp(best_t, a, b), xte, yte)


def load(path):
    rows = np.loadtxt(gzip.open(path, "rt"), delimiter=",", dtype=np.float64)
    x, y = rows[:, :64].astype(np.float32), rows[:, 64].astype(np.int64)
    n = int(len(x) * 0.8)
    return (x[:n], y[:n]), (x[n:], y[n:])


def pair(init_a, init_b, data):
    (xtr, ytr), _ = data
    low = ytr < 5
    a = train(init_a, xtr[low], ytr[low])
    b = train(init_b, xtr[~low], ytr[~low])
    return a, b


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=10)
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--data", default=os.path.join(here, "..", "..", "data", "digits.csv.gz"))
    args = parser.parse_args()
    data = load(args.data)
    (xtr, ytr), (xte, yte) = data

    assert split(np.array([0, 0], U32)).tolist() == [[4146024105, 967050713], [2718843009, 1272950319]], \
        "threefry split does not match JAX's split(PRNGKey(0))"
    key1, key2 = split(np.array([0, 42], U32))
    init_a = jax_normal(key1, PARAMS) * np.float32(0.01)
    init_b = jax_normal(key2, PARAMS) * np.float32(0.01)
    print(f"reference init: std {init_a.std():.5f} {init_b.std():.5f}, first values {init_a[:3]} {init_b[:3]}")
    started = time.time()
    a, b = pair(init_a, init_b, data)
    t, train_acc, test_acc = brute_force(a, b, data)
    print(f"reference pair (PRNGKey(42)): experts train acc on own half "
          f"{accuracy(a, xtr[ytr < 5], ytr[ytr < 5]):.3f} / {accuracy(b, xtr[ytr >= 5], ytr[ytr >= 5]):.3f}; "
          f"best t {t:.4f}, train {100 * train_acc:.1f}%, test {100 * test_acc:.1f}% ({time.time() - started:.0f} s)")

    results = []
    for seed in range(args.pairs):
        rng = np.random.default_rng(seed)
        init_a = (rng.standard_normal(PARAMS) * 0.01).astype(np.float32)
        init_b = (rng.standard_normal(PARAMS) * 0.01).astype(np.float32)
        a, b = pair(init_a, init_b, data)
        t, train_acc, test_acc = brute_force(a, b, data)
        results.append(100 * test_acc)
        print(f"numpy pair seed {seed}: best t {t:.4f}, train {100 * train_acc:.1f}%, test {100 * test_acc:.1f}%", flush=True)
    if not results:
        return
    r = np.array(results)
    print(f"numpy pairs: mean {r.mean():.1f} +- {r.std(ddof=1) / np.sqrt(len(r)):.1f} (stderr), "
          f"sd {r.std(ddof=1):.1f}, min {r.min():.1f}, max {r.max():.1f}, n {len(r)}")


if __name__ == "__main__":
    main()
