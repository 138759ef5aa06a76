using EvoMerge.Search.Genomes;
using EvoMerge.Search.Tasks;

namespace EvoMerge.Search.Tests.Genomes;

/// <summary>
/// Trial seeds are journaled and fitness subsets fix which rows (and IRT anchors) a run scores, so a resumed
/// run of an existing folder must derive exactly these: the values were computed before the seed mixing was
/// shared (<c>SeedMix</c>).
/// </summary>
public sealed class SeedCompatibilityTests
{
    [Theory]
    [InlineData(0UL, 0L, 44227343797679L)]
    [InlineData(42UL, 7L, 119135056988611L)]
    [InlineData(ulong.MaxValue, 3L, 38908857563641L)]
    public void Trial_seeds_are_those_existing_journals_hold(ulong runSeed, long trialId, long seed) =>
        Assert.Equal(seed, TrialSeeds.For(runSeed, trialId));

    [Theory]
    [InlineData(42UL, "sst2", 9506750375655714863UL)]
    [InlineData(42UL, "mmlu-é", 7423280042045367404UL)]
    [InlineData(7UL, "", 14695981039346656034UL)]
    public void Subset_seeds_are_those_existing_runs_drew_their_rows_with(ulong runSeed, string task, ulong seed) =>
        Assert.Equal(seed, FitnessSubset.SeedFor(runSeed, task));

    [Fact]
    public void Subset_rows_are_those_existing_runs_scored()
    {
        Assert.Equal([1, 9, 12, 27, 31, 44, 65, 77, 87, 91], new FitnessSubset(10, 42, "sst2").PickRows(100, "fit.csv"));
        var labels = Enumerable.Range(0, 40).Select(i => (double)(i % 2)).ToArray();
        Assert.Equal([5, 8, 22, 29, 34, 39], new FitnessSubset(6, 9, "boolq", Labels: labels).PickRows(40, "fit.csv"));
    }
}
