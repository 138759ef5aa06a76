using System.Numerics;

namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>
/// JAX's default random bits (JAX 0.4.x, the version the M2N2 reference pins: threefry2x32 with the
/// original, non-partitionable counter layout), so the reference's <c>PRNGKey(42)</c> starting
/// models can be rebuilt exactly. A key is two 32-bit words; <c>PRNGKey(s)</c> for a small
/// non-negative seed is (0, s).
/// </summary>
public static class JaxThreefry
{
    const uint Parity = 0x1BD11BDA;
    static readonly int[][] Rotations = [[13, 15, 26, 6], [17, 29, 16, 24]];

    /// <summary><c>jax.random.PRNGKey(seed)</c> for a seed that fits 32 bits.</summary>
    public static (uint, uint) Key(uint seed) => (0, seed);

    /// <summary>Threefry-2x32, 20 rounds (Salmon et al. 2011): the block cipher under JAX's keys.</summary>
    public static (uint, uint) Hash((uint, uint) key, uint x0, uint x1)
    {
        var (k0, k1) = key;
        uint[] schedule = [k0, k1, k0 ^ k1 ^ Parity];
        x0 += k0;
        x1 += k1;
        for (int group = 0; group < 5; group++)
        {
            foreach (int rotation in Rotations[group % 2])
            {
                x0 += x1;
                x1 = BitOperations.RotateLeft(x1, rotation) ^ x0;
            }
            x0 += schedule[(group + 1) % 3];
            x1 += schedule[(group + 2) % 3] + (uint)(group + 1);
        }
        return (x0, x1);
    }

    /// <summary>
    /// <c>threefry_2x32(key, iota(count))</c>: the counters 0..count-1 (padded to even) are cut in
    /// halves, element i of the first half hashed with element i of the second, outputs concatenated.
    /// </summary>
    public static uint[] Bits((uint, uint) key, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int half = (count + 1) / 2;
        var bits = new uint[2 * half];
        for (int i = 0; i < half; i++)
        {
            uint second = (uint)(half + i) < count ? (uint)(half + i) : 0;
            (bits[i], bits[half + i]) = Hash(key, (uint)i, second);
        }
        return bits[..count];
    }

    /// <summary><c>jax.random.split(key, count)</c>.</summary>
    public static (uint, uint)[] Split((uint, uint) key, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var bits = Bits(key, 2 * count);
        return Enumerable.Range(0, count).Select(i => (bits[2 * i], bits[2 * i + 1])).ToArray();
    }

    /// <summary>
    /// <c>jax.random.normal(key, (count,))</c> in float32: uniform in (-1, 1) from the top 23 bits,
    /// then sqrt(2) * erfinv, all in single precision as XLA computes it.
    /// </summary>
    public static float[] Normal((uint, uint) key, int count)
    {
        var bits = Bits(key, count);
        float low = MathF.BitIncrement(-1f);
        float width = 1f - low; // rounds to 2 in float32, as in JAX
        float sqrt2 = MathF.Sqrt(2f);
        var normal = new float[count];
        for (int i = 0; i < count; i++)
        {
            float unit = BitConverter.UInt32BitsToSingle((bits[i] >> 9) | 0x3F800000u) - 1f;
            float uniform = MathF.Max(low, unit * width + low);
            normal[i] = sqrt2 * XlaErfInv.Single(uniform);
        }
        return normal;
    }
}
