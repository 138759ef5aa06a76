namespace EvoMerge.Core.Randomness;

/// <summary>
/// Derives the seed of one part of a run (a trial, a tensor, one model's draws in a tensor) from a parent seed
/// and the part's index or name, so each part gets its own stream: reproducible, and independent of the order
/// (or subset) of parts met. The one home of this mixing; the values it gives are recorded in journals (trial
/// seeds) and fix which masks a merge draws, so none of these functions may ever change.
/// </summary>
public static class SeedMix
{
    /// <summary>SplitMix64's Weyl increment (2^64 divided by the golden ratio): spreads consecutive indices apart.</summary>
    public const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    /// <summary>SplitMix64's output function: every input bit flips about half of the output bits.</summary>
    public static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The 64-bit FNV-1a hash of the name's UTF-16 code units.</summary>
    public static ulong NameHash(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ulong hash = 14695981039346656037UL;
        foreach (char c in name)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    /// <summary>The seed of part <paramref name="index"/> (0, 1, ...) of <paramref name="seed"/>.</summary>
    public static ulong ForIndex(ulong seed, long index) => Finalize(seed ^ (GoldenGamma * (ulong)(index + 1)));

    /// <summary>The seed of the part called <paramref name="name"/> of <paramref name="seed"/>.</summary>
    public static ulong ForName(ulong seed, string name) => Finalize(seed ^ NameHash(name));
}
