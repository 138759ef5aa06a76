using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Niching;
using EvoMerge.Optimizers.Tests.Contract;

namespace EvoMerge.Optimizers.Tests.Niching;

public class MapElitesContractTests : OptimizerContractTests
{
    protected override int PerExampleScores => 8;

    protected override IAskTellOptimizer Create(int dimension, ulong seed)
    {
        var rng = new Rng(seed);
        var seeds = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, dimension).Select(_ => rng.NextGaussian()).ToArray()).ToArray();
        return new MapElites(seeds, PerExampleScores, new MapElitesOptions { DescriptorGroups = [[0, 1, 2, 3], [4, 5, 6, 7]], MutationSigma = 0.1 }, rng);
    }

    protected override IAskTellOptimizer Restore(JsonObject state) => MapElites.Restore(state);
}

public class MapElitesTests
{
    static MapElites Grid(int bins = 4) =>
        new([[1.0, 0.0], [0.0, 1.0]], examples: 4, new MapElitesOptions { DescriptorGroups = [[0, 1], [2, 3]], BinsPerDescriptor = bins, MutationSigma = 0 }, new Rng(1));

    [Fact]
    public void Cells_bin_the_group_means_row_major_with_one_in_the_last_bin()
    {
        var map = Grid();
        Assert.Equal(0, map.CellOf([0, 0, 0, 0]));
        Assert.Equal(2 * 4 + 0, map.CellOf([1, 0, 0, 0]));   // means (0.5, 0): bins (2, 0)
        Assert.Equal(3 * 4 + 3, map.CellOf([1, 1, 1, 1]));   // mean 1 goes to the last bin, not past it
    }

    [Fact]
    public void A_cell_keeps_its_best_elite()
    {
        var map = Grid(bins: 1); // one cell: every candidate competes for it
        var seeds = map.Ask();
        map.Tell([TrialOutcome.Success(seeds[0].Id, [0.0], [1, 0, 0, 0]), TrialOutcome.Success(seeds[1].Id, [0.0], [1, 1, 1, 0])]);
        Assert.Equal(1, map.OccupiedCells);
        Assert.Equal([0.0, 1.0], map.BestElite()!);
        var child = map.Ask().Single();
        map.Tell([TrialOutcome.Success(child.Id, [0.0], [1, 1, 0, 0])]);   // worse: ignored
        Assert.Equal([0.0, 1.0], map.BestElite()!);
        child = map.Ask().Single();
        map.Tell([TrialOutcome.Success(child.Id, [0.0], [1, 1, 1, 1])]);   // better: takes the cell
        Assert.Equal(child.Genes, map.BestElite());
    }

    [Fact]
    public void Parents_come_from_two_distinct_cells_when_two_have_quality()
    {
        // Orthogonal elites in two cells: a child of one cell alone would be parallel to it.
        var map = new MapElites([[1.0, 0.0], [0.0, 1.0]], examples: 2,
            new MapElitesOptions { DescriptorGroups = [[0], [1]], BinsPerDescriptor = 2, MutationSigma = 0, BatchSize = 50 }, new Rng(2));
        var seeds = map.Ask();
        map.Tell([TrialOutcome.Success(seeds[0].Id, [0.0], [1, 0]), TrialOutcome.Success(seeds[1].Id, [0.0], [0, 1])]);
        Assert.Equal(2, map.OccupiedCells);
        // A child of one parent twice is that parent (one coordinate exactly 0); of both, mixes both.
        Assert.All(map.Ask(), c => Assert.True(Math.Abs(c.Genes[0]) > 1e-12 && Math.Abs(c.Genes[1]) > 1e-12));
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new MapElites([[1.0]], 2, new MapElitesOptions { DescriptorGroups = [] }, new Rng(1)));
        Assert.Throws<ArgumentException>(() => new MapElites([[1.0]], 2, new MapElitesOptions { DescriptorGroups = [[0, 5]] }, new Rng(1)));
        Assert.Throws<ArgumentException>(() => new MapElites([[1.0]], 2, new MapElitesOptions { DescriptorGroups = [[0]], BinsPerDescriptor = 0 }, new Rng(1)));
    }
}
