namespace EvoMerge.Search.Genomes;

/// <summary>
/// The seed of a trial's random merge choices (DARE/DELLA masks): fixed by the run seed and the trial id, so
/// a re-run, resumed or remotely evaluated trial merges exactly the same model and the exported recipe reproduces it.
/// </summary>
public static class TrialSeeds
{
    public static long For(ulong runSeed, long trialId)
    {
        ulong z = runSeed ^ (0x9E3779B97F4A7C15UL * (ulong)(trialId + 1));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (long)((z ^ (z >> 31)) & 0x7FFF_FFFF_FFFFUL);
    }
}
