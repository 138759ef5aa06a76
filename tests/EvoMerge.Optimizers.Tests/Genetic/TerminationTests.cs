using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Genetic;
using EvoMerge.Optimizers.Genetic.Termination;

namespace EvoMerge.Optimizers.Tests.Genetic;

public class TerminationTests
{
    static TerminationProgress Progress(int generations = 0, long evaluations = 0, double? best = null, int stagnant = 0) =>
        new(generations, evaluations, best, stagnant);

    [Fact]
    public void Leaf_criteria_map_to_their_stop_reasons()
    {
        Assert.Empty(new EvaluationsTermination(100).Check(Progress(evaluations: 99)));
        Assert.Equal(new[] { StopReason.EvaluationBudget }, new EvaluationsTermination(100).Check(Progress(evaluations: 100)));
        Assert.Empty(new GenerationsTermination(5).Check(Progress(generations: 4)));
        Assert.Equal(new[] { StopReason.GenerationBudget }, new GenerationsTermination(5).Check(Progress(generations: 5)));
        Assert.Empty(new StagnationTermination(3).Check(Progress(stagnant: 2)));
        Assert.Equal(new[] { StopReason.Stagnation }, new StagnationTermination(3).Check(Progress(stagnant: 3)));
        Assert.Empty(new FitnessThresholdTermination(0.5).Check(Progress(best: null)));
        Assert.Empty(new FitnessThresholdTermination(0.5).Check(Progress(best: 0.6)));
        Assert.Equal(new[] { StopReason.TargetReached }, new FitnessThresholdTermination(0.5).Check(Progress(best: 0.5)));
    }

    [Fact]
    public void Time_reads_the_injected_clock()
    {
        var now = TimeSpan.Zero;
        var time = new TimeTermination(TimeSpan.FromSeconds(10), () => now);
        Assert.Empty(time.Check(Progress()));
        now = TimeSpan.FromSeconds(9.999);
        Assert.Empty(time.Check(Progress()));
        now = TimeSpan.FromSeconds(10);
        Assert.Equal(new[] { StopReason.TimeBudget }, time.Check(Progress()));
    }

    [Fact]
    public void Or_stops_when_any_part_does_and_reports_every_reason_that_applies()
    {
        var or = new OrTermination(new GenerationsTermination(5), new FitnessThresholdTermination(0));
        Assert.Empty(or.Check(Progress(generations: 1, best: 1)));
        Assert.Equal(new[] { StopReason.GenerationBudget }, or.Check(Progress(generations: 5, best: 1)));
        Assert.Equal(new HashSet<StopReason> { StopReason.GenerationBudget, StopReason.TargetReached },
            or.Check(Progress(generations: 6, best: -1)).ToHashSet());
    }

    [Fact]
    public void And_stops_only_when_every_part_does()
    {
        var and = new AndTermination(new EvaluationsTermination(10), new StagnationTermination(2));
        Assert.Empty(and.Check(Progress(evaluations: 10, stagnant: 1)));
        Assert.Empty(and.Check(Progress(evaluations: 9, stagnant: 2)));
        Assert.Equal(new HashSet<StopReason> { StopReason.EvaluationBudget, StopReason.Stagnation },
            and.Check(Progress(evaluations: 10, stagnant: 2)).ToHashSet());
    }

    [Fact]
    public void Composites_nest()
    {
        var now = TimeSpan.Zero;
        // (generations ≥ 3 and stagnant ≥ 2) or time ≥ 1 s
        var tree = new OrTermination(new AndTermination(new GenerationsTermination(3), new StagnationTermination(2)),
            new TimeTermination(TimeSpan.FromSeconds(1), () => now));
        Assert.Empty(tree.Check(Progress(generations: 3, stagnant: 1)));
        Assert.Equal(2, tree.Check(Progress(generations: 3, stagnant: 2)).Count);
        now = TimeSpan.FromSeconds(2);
        Assert.Equal(new[] { StopReason.TimeBudget }, tree.Check(Progress(generations: 0)));
    }

    [Fact]
    public void Factory_rebuilds_a_composite_tree_from_its_description_with_the_given_clock()
    {
        var now = TimeSpan.Zero;
        var tree = new OrTermination(new AndTermination(new EvaluationsTermination(50), new StagnationTermination(4)),
            new TimeTermination(TimeSpan.FromSeconds(30), () => TimeSpan.Zero), new FitnessThresholdTermination(-0.25));
        var json = JsonNode.Parse(tree.Describe().ToJson().ToJsonString());
        var rebuilt = TerminationFactory.Create(OperatorSpec.FromJson(json), () => now);
        Assert.Equal(tree.Describe().ToString(), rebuilt.Describe().ToString());
        Assert.Empty(rebuilt.Check(Progress(evaluations: 50, stagnant: 3)));
        Assert.Equal(new HashSet<StopReason> { StopReason.EvaluationBudget, StopReason.Stagnation }, rebuilt.Check(Progress(evaluations: 50, stagnant: 4)).ToHashSet());
        now = TimeSpan.FromMinutes(1);
        Assert.Contains(StopReason.TimeBudget, rebuilt.Check(Progress()));
    }

    [Fact]
    public void Invalid_limits_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EvaluationsTermination(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GenerationsTermination(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StagnationTermination(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FitnessThresholdTermination(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeTermination(TimeSpan.Zero, () => TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => new AndTermination());
        Assert.Throws<ArgumentException>(() => TerminationFactory.Create(new OperatorSpec("and"), () => TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => TerminationFactory.Create(OperatorSpec.Of("time", ("seconds", -1)), () => TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => TerminationFactory.Create(OperatorSpec.Of("evaluations", ("max", 2.5)), () => TimeSpan.Zero));
    }
}
