using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Niching;

namespace EvoMerge.Optimizers.Tests.Niching;

public class AttractionTests
{
    static readonly double[][] Scores = [[1, 1, 0], [1, 0, 0], [0, 0, 1]];

    [Fact]
    public void Partner_scores_count_only_where_the_partner_beats_parent_a()
    {
        // z = [2, 1, 1], alpha 1: weights [0.5, 1, 1].
        double[] weights = [0.5, 1, 1];
        var attraction = new double[3];

        Attraction.Scores(Scores, weights, parentA: 1, attraction);
        // Row 0 beats A on example 1 (weight 1); row 2 on example 2 (1) but loses example 0 (ignored).
        Assert.Equal(new double[] { 1, 0, 1 }, attraction);

        Attraction.Scores(Scores, weights, parentA: 0, attraction);
        Assert.Equal(new double[] { 0, 0, 1 }, attraction);
    }

    [Fact]
    public void All_zero_attraction_falls_back_to_fitness_proportional_choice()
    {
        // One seed only: nobody beats it anywhere, so attraction is zero everywhere. The fallback
        // picks by fitness (only the seed has any), so with neither mutation nor a split point every
        // child interpolates the seed with itself; a uniform fallback would mostly pick empty slots.
        var seed = new double[] { 0.5, -1, 2, 0.25 };
        var options = new M2N2Options { ArchiveSize = 20, MutationSigma = 0, UseSplitPoint = false };
        var m2n2 = new M2N2([seed], examples: 2, options, new Rng(5));
        var seedBatch = m2n2.Ask();
        m2n2.Tell([TrialOutcome.Success(seedBatch[0].Id, [0.0], [1, 1])]);
        for (int i = 0; i < 30; i++)
        {
            var child = m2n2.Ask().Single();
            for (int g = 0; g < seed.Length; g++) Assert.Equal(seed[g], child.Genes[g], 12);
            // Zero scores give the child zero fitness, so it never becomes a parent.
            m2n2.Tell([TrialOutcome.Success(child.Id, [0.0], [0, 0])]);
        }
    }
}
