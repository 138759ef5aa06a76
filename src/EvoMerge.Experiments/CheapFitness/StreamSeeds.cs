using EvoMerge.Core.Randomness;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// One generator per purpose, derived from the run seed and a fixed stream number, so what one method
/// draws never depends on which methods ran before it.
/// </summary>
public static class StreamSeeds
{
    public const int FixedSubset = 1, RandomSubset = 2, Racing = 3, Calibration = 4, Anchors = 5, ErrorStudy = 6, ResponseAnchors = 7, CompletionAnchors = 8, CandidateAnchors = 9, ErrorStudyAnchors = 10;

    public static Rng For(ulong seed, int stream) => new(seed * 1_000_003UL + (ulong)stream);
}
