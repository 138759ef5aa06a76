using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Niching;

namespace EvoMerge.Optimizers.Tests.Niching;

/// <summary>Each ablation toggle changes what children look like, seen on an archive built by hand.</summary>
public class M2N2AblationTests
{
    // Three one-hot seeds: a child's non-zero coordinates name its parents. Seed 1 alone solves
    // example 2; seeds 0 and 2 solve examples 0 and 1. So with attraction every pair includes seed 1.
    static readonly double[][] Seeds = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
    static readonly double[][] SeedScores = [[1, 1, 0], [0, 0, 1], [1, 1, 0]];

    static IReadOnlyList<Candidate> ChildrenOfHandArchive(M2N2Options options, int children = 200)
    {
        var m2n2 = new M2N2(Seeds, examples: 3, options with { BatchSize = children, MutationSigma = 0 }, new Rng(99));
        var seeds = m2n2.Ask();
        m2n2.Tell(seeds.Select((c, i) => (TrialOutcome)TrialOutcome.Success(c.Id, [0.0], SeedScores[i])).ToList());
        return m2n2.Ask();
    }

    static bool InvolvesSeed1(Candidate c) => Math.Abs(c.Genes[1]) > 1e-12;

    [Fact]
    public void With_attraction_every_pair_includes_the_complementary_seed()
    {
        var children = ChildrenOfHandArchive(new M2N2Options { UseSplitPoint = false });
        Assert.All(children, c => Assert.True(InvolvesSeed1(c)));
    }

    [Fact]
    public void Without_attraction_parent_b_ignores_complementarity()
    {
        var children = ChildrenOfHandArchive(new M2N2Options { UseSplitPoint = false, UseAttraction = false });
        // Fitness [1, 1, 1]: P(neither parent is seed 1) = 4/9.
        int without = children.Count(c => !InvolvesSeed1(c));
        Assert.InRange(without, 50, 130);
    }

    [Fact]
    public void Without_crossover_children_are_copies_of_one_archive_member()
    {
        var children = ChildrenOfHandArchive(new M2N2Options { UseCrossover = false });
        Assert.All(children, c => Assert.Contains(Seeds, s => s.SequenceEqual(c.Genes)));
    }

    [Fact]
    public void Without_a_split_point_one_ratio_mixes_every_coordinate()
    {
        // Parents (1,1,1,1) and (1,-1,1,-1) scaled: a single-ratio child has c0 == c2 and c1 == c3.
        double[][] seeds = [[1, 1, 1, 1], [1, -1, 1, -1]];
        bool SingleRatio(Candidate c) => Math.Abs(c.Genes[0] - c.Genes[2]) < 1e-12 && Math.Abs(c.Genes[1] - c.Genes[3]) < 1e-12;

        IReadOnlyList<Candidate> Children(bool split)
        {
            var options = new M2N2Options { UseSplitPoint = split, MutationSigma = 0, BatchSize = 100 };
            var m2n2 = new M2N2(seeds, examples: 2, options, new Rng(3));
            var first = m2n2.Ask();
            m2n2.Tell([TrialOutcome.Success(first[0].Id, [0.0], [1, 0]), TrialOutcome.Success(first[1].Id, [0.0], [0, 1])]);
            return m2n2.Ask();
        }

        Assert.All(Children(split: false), c => Assert.True(SingleRatio(c)));
        Assert.Contains(Children(split: true), c => !SingleRatio(c));
    }

    [Fact]
    public void Mutation_adds_noise_of_the_given_scale()
    {
        var options = new M2N2Options { UseCrossover = false, MutationSigma = 0.5, BatchSize = 50 };
        var m2n2 = new M2N2([new double[100]], examples: 1, options, new Rng(8));
        var seed = m2n2.Ask();
        m2n2.Tell([TrialOutcome.Success(seed[0].Id, [0.0], [1])]);
        var genes = m2n2.Ask().SelectMany(c => c.Genes).ToArray();
        double sd = Math.Sqrt(genes.Select(g => g * g).Average());
        Assert.InRange(sd, 0.48, 0.52);
    }

    [Fact]
    public void The_ga_preset_turns_competition_and_attraction_off()
    {
        var ga = M2N2Options.GeneticAlgorithm;
        Assert.Equal(0, ga.Alpha);
        Assert.False(ga.UseAttraction);
        Assert.True(ga.UseCrossover && ga.UseSplitPoint);
    }

    [Fact]
    public void Split_points_land_only_on_segment_starts()
    {
        // Parents e-like in 6 genes, segments [0, 3): a split inside a segment would give a child
        // whose first three coordinates do not share one ratio.
        double[][] seeds = [[1, 2, 3, 1, 2, 3], [3, 1, 2, -3, -1, -2]];
        var options = new M2N2Options { MutationSigma = 0, BatchSize = 100, SegmentStarts = [0, 3] };
        var m2n2 = new M2N2(seeds, examples: 2, options, new Rng(4));
        var first = m2n2.Ask();
        m2n2.Tell([TrialOutcome.Success(first[0].Id, [0.0], [1, 0]), TrialOutcome.Success(first[1].Id, [0.0], [0, 1])]);
        foreach (var child in m2n2.Ask())
        {
            // Within a segment the child is one combination p*a + q*b: solve it from two genes, check the third.
            AssertOneCombination(seeds[0][..3], seeds[1][..3], child.Genes[..3]);
            AssertOneCombination(seeds[0][3..], seeds[1][3..], child.Genes[3..]);
        }
    }

    static void AssertOneCombination(double[] a, double[] b, double[] c)
    {
        double det = a[0] * b[1] - a[1] * b[0];
        double p = (c[0] * b[1] - c[1] * b[0]) / det;
        double q = (a[0] * c[1] - a[1] * c[0]) / det;
        Assert.Equal(p * a[2] + q * b[2], c[2], 10);
    }
}
