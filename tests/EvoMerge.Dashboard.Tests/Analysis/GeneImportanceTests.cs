using EvoMerge.Dashboard.Analysis;

namespace EvoMerge.Dashboard.Tests.Analysis;

public class GeneImportanceTests
{
    [Fact]
    public void The_gene_that_drives_the_objective_gets_most_of_the_importance()
    {
        var random = new Random(3);
        var genes = Enumerable.Range(0, 300).Select(_ => (IReadOnlyList<double>)[random.NextDouble(), random.NextDouble(), random.NextDouble()]).ToList();
        var objective = genes.Select(g => 4 * g[1] + 2 * g[2] + 0.01 * random.NextDouble()).ToList();

        var importance = GeneImportance.Compute(genes, objective)!;

        Assert.Equal(1, importance.Sum(), 6);
        Assert.True(importance[1] > 0.6, $"gene 1 drives the objective but got {importance[1]:F3}");
        Assert.True(importance[2] > 0.1 && importance[2] > 5 * importance[0], $"gene 2 matters less ({importance[2]:F3}), gene 0 not at all ({importance[0]:F3})");
    }

    [Fact]
    public void Too_few_trials_or_a_constant_objective_give_no_importance()
    {
        var genes = Enumerable.Range(0, 20).Select(i => (IReadOnlyList<double>)[i / 20.0]).ToList();
        Assert.Null(GeneImportance.Compute(genes.Take(5).ToList(), [1, 2, 3, 4, 5]));
        Assert.Null(GeneImportance.Compute(genes, Enumerable.Repeat(0.5, 20).ToList()));
    }

    [Fact]
    public void The_same_seed_gives_the_same_importance()
    {
        var random = new Random(5);
        var genes = Enumerable.Range(0, 100).Select(_ => (IReadOnlyList<double>)[random.NextDouble(), random.NextDouble()]).ToList();
        var objective = genes.Select(g => g[0] - g[1]).ToList();
        Assert.Equal(GeneImportance.Compute(genes, objective), GeneImportance.Compute(genes, objective));
    }
}
