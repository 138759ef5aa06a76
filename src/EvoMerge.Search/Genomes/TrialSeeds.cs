using EvoMerge.Core.Randomness;

namespace EvoMerge.Search.Genomes;

/// <summary>
/// The seed of a trial's random merge choices (DARE/DELLA masks): fixed by the run seed and the trial id, so
/// a re-run, resumed or remotely evaluated trial merges exactly the same model and the exported recipe reproduces it.
/// </summary>
public static class TrialSeeds
{
    /// <remarks>47 bits: the seed is journaled and exported in recipes, and stays exact in JSON readers that use doubles.</remarks>
    public static long For(ulong runSeed, long trialId) => (long)(SeedMix.ForIndex(runSeed, trialId) & 0x7FFF_FFFF_FFFFUL);
}
