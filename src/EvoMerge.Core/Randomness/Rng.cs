namespace EvoMerge.Core.Randomness;

/// <summary>
/// Seeded pseudo-random generator (xoshiro256**) whose whole state can be saved and restored, so a
/// resumed run draws exactly the numbers the uninterrupted one would. There is no global instance:
/// every component receives the generator it uses.
/// </summary>
public sealed class Rng
{
    ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed)
    {
        // SplitMix64 expands the seed so that nearby seeds give unrelated streams.
        ulong x = seed;
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    Rng(RngState state)
    {
        if ((state.S0 | state.S1 | state.S2 | state.S3) == 0)
            throw new ArgumentException("An all-zero xoshiro state is invalid.", nameof(state));
        (_s0, _s1, _s2, _s3) = (state.S0, state.S1, state.S2, state.S3);
    }

    public static Rng FromState(RngState state) => new(state);

    public RngState State => new(_s0, _s1, _s2, _s3);

    /// <summary>An independent generator derived from this one (advances this one by one draw).</summary>
    public Rng Fork() => new(NextUInt64());

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [low, high).</summary>
    public double NextDouble(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Uniform integer in [0, exclusiveMax), without modulo bias.</summary>
    public int NextInt(int exclusiveMax)
    {
        if (exclusiveMax <= 0) throw new ArgumentOutOfRangeException(nameof(exclusiveMax));
        ulong bound = (ulong)exclusiveMax;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong r = NextUInt64();
            if (r >= threshold) return (int)(r % bound);
        }
    }

    /// <summary>Standard normal draw (Box–Muller; no cached spare, so the state is just four words).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public void FillGaussian(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = NextGaussian();
    }

    /// <summary>Index drawn with probability proportional to non-negative weights; uniform if all are zero.</summary>
    public int NextWeightedIndex(ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (var w in weights)
        {
            if (w < 0 || double.IsNaN(w)) throw new ArgumentException("Weights must be non-negative numbers.", nameof(weights));
            total += w;
        }
        if (total <= 0 || double.IsInfinity(total)) return NextInt(weights.Length);
        double r = NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            r -= weights[i];
            if (r < 0) return i;
        }
        for (int i = weights.Length - 1; i >= 0; i--) if (weights[i] > 0) return i;
        return weights.Length - 1;
    }

    static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    static ulong SplitMix(ref ulong x) => SeedMix.Finalize(x += SeedMix.GoldenGamma);
}

/// <summary>The complete state of an <see cref="Rng"/>; saved in optimizer snapshots.</summary>
public readonly record struct RngState(ulong S0, ulong S1, ulong S2, ulong S3);
