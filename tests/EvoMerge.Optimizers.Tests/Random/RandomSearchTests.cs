using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Genetic.Termination;
using EvoMerge.Optimizers.Random;

namespace EvoMerge.Optimizers.Tests.Random;

public class RandomSearchTests
{
    static readonly Bounds Box = new(new[] { -1.0, 10, 0 }, new[] { 1.0, 20, 0.5 });

    [Fact]
    public void Samples_fill_the_box_uniformly_in_batches_of_the_given_size()
    {
        var search = new RandomSearch(new RandomSearchOptions { Bounds = Box, BatchSize = 50, Seed = 1 });
        var all = new List<double[]>();
        for (int g = 0; g < 100; g++)
        {
            var batch = search.Ask();
            Assert.Equal(50, batch.Count);
            all.AddRange(batch.Select(c => c.Genes));
            search.Tell(batch.Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, new[] { 0.0 })).ToList());
        }
        Assert.All(all, x => Assert.True(Box.Contains(x)));
        for (int i = 0; i < 3; i++)
        {
            double mid = (Box.Lower[i] + Box.Upper[i]) / 2, width = Box.Upper[i] - Box.Lower[i];
            Assert.InRange(all.Average(x => x[i]), mid - 0.01 * width, mid + 0.01 * width);
            // Uniform variance is width²/12.
            Assert.InRange(all.Average(x => (x[i] - mid) * (x[i] - mid)), width * width / 12 * 0.95, width * width / 12 * 1.05);
        }
        Assert.Equal(100, search.Generation);
    }

    [Fact]
    public void Best_is_the_minimum_of_the_first_objective_over_completed_trials()
    {
        var search = new RandomSearch(new RandomSearchOptions { Bounds = Box, BatchSize = 5, Objectives = 2, Seed = 2 });
        double expected = double.PositiveInfinity;
        for (int g = 0; g < 4; g++)
        {
            var batch = search.Ask();
            var outcomes = batch.Select((c, i) => i == 0
                ? (TrialOutcome)TrialOutcome.Failure(c.Id, "x")
                : TrialOutcome.Success(c.Id, new[] { c.Genes.Sum(), -c.Genes[0] })).ToList();
            expected = Math.Min(expected, batch.Skip(1).Min(c => c.Genes.Sum()));
            search.Tell(outcomes);
        }
        Assert.Equal(expected, search.Best!.Value.Value);
        Assert.Throws<ArgumentException>(() => search.Tell(new[] { TrialOutcome.Success(search.Ask()[0].Id, new[] { 1.0 }) }));
    }

    [Fact]
    public void Evaluation_budget_stops_and_survives_restore()
    {
        var search = new RandomSearch(new RandomSearchOptions { Bounds = Box, BatchSize = 4, Seed = 3, Termination = new EvaluationsTermination(10) });
        for (int g = 0; g < 2; g++)
        {
            var batch = search.Ask();
            search.Tell(batch.Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, new[] { 1.0 })).ToList());
        }
        Assert.Empty(search.Stop());
        Assert.Equal(search.ExportState().ToJsonString(), RandomSearch.Restore(search.ExportState()).ExportState().ToJsonString());
        var restored = RandomSearch.Restore((JsonObject)JsonNode.Parse(search.ExportState().ToJsonString())!);
        var next = restored.Ask();
        restored.Tell(next.Take(2).Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, new[] { 1.0 })).ToList());
        Assert.Equal(new[] { StopReason.EvaluationBudget }, restored.Stop());
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomSearch(new RandomSearchOptions { Bounds = Box, BatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomSearch(new RandomSearchOptions { Bounds = Box, Objectives = 0 }));
    }
}
