namespace EvoMerge.Fitness.Racing;

/// <summary>
/// The outcome of one race: <see cref="Ranking"/> lists candidate indices best first (what the
/// optimizer receives), <see cref="ExamplesUsed"/> how many examples each candidate was scored on,
/// <see cref="MeanScores"/> each candidate's mean over those examples.
/// </summary>
public sealed record RaceResult(int[] Ranking, int[] ExamplesUsed, double[] MeanScores, int Rounds)
{
    public long TotalExamples => ExamplesUsed.Sum(n => (long)n);
}
