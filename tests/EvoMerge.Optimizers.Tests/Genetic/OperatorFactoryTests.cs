using System.Text.Json.Nodes;
using EvoMerge.Optimizers.Genetic;
using EvoMerge.Optimizers.Genetic.Crossover;
using EvoMerge.Optimizers.Genetic.Mutation;
using EvoMerge.Optimizers.Genetic.Reinsertion;
using EvoMerge.Optimizers.Genetic.Selection;

namespace EvoMerge.Optimizers.Tests.Genetic;

public class OperatorFactoryTests
{
    static OperatorSpec ThroughText(IDescribedOperator op) => OperatorSpec.FromJson(JsonNode.Parse(op.Describe().ToJson().ToJsonString()));

    [Fact]
    public void Every_operator_is_rebuilt_from_its_description()
    {
        IDescribedOperator[] selections = { new TournamentSelection(3), new RouletteWheelSelection(), new RankSelection(), new EliteSelection() };
        foreach (var s in selections) Assert.Equal(s.Describe().ToString(), SelectionFactory.Create(ThroughText(s)).Describe().ToString());

        IDescribedOperator[] crossovers =
        {
            new UniformCrossover(0.3), new OnePointCrossover(), new TwoPointCrossover(), new BlendCrossover(0.1 + 0.2),
            new SimulatedBinaryCrossover(2.5, 0.7),
        };
        foreach (var c in crossovers) Assert.Equal(c.Describe().ToString(), CrossoverFactory.Create(ThroughText(c)).Describe().ToString());

        IDescribedOperator[] mutations = { new GaussianMutation(1.0 / 3, 0.25), new PolynomialMutation(20, 1.0 / 7), new UniformMutation(0.1) };
        foreach (var m in mutations) Assert.Equal(m.Describe().ToString(), MutationFactory.Create(ThroughText(m)).Describe().ToString());

        IDescribedOperator[] reinsertions = { new ElitistReinsertion(2), new GenerationalReinsertion() };
        foreach (var r in reinsertions) Assert.Equal(r.Describe().ToString(), ReinsertionFactory.Create(ThroughText(r)).Describe().ToString());
    }

    [Fact]
    public void Known_names_are_the_documented_ones_without_duplicates()
    {
        Assert.Equal(SelectionFactory.KnownNames.Count, SelectionFactory.KnownNames.Distinct().Count());
        Assert.Equal(new[] { "tournament", "roulette", "rank", "elite" }, SelectionFactory.KnownNames);
        Assert.Equal(new[] { "uniform", "one_point", "two_point", "blend", "sbx" }, CrossoverFactory.KnownNames);
        Assert.Equal(new[] { "gaussian", "polynomial", "uniform" }, MutationFactory.KnownNames);
        Assert.Equal(new[] { "elitist", "generational" }, ReinsertionFactory.KnownNames);
    }

    [Fact]
    public void Unknown_names_list_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => SelectionFactory.Create(new OperatorSpec("lottery")));
        Assert.Contains("tournament", e.Message);
        Assert.Contains("roulette", e.Message);
        Assert.Throws<ArgumentException>(() => CrossoverFactory.Create(new OperatorSpec("three_point")));
        Assert.Throws<ArgumentException>(() => MutationFactory.Create(new OperatorSpec("cauchy")));
        Assert.Throws<ArgumentException>(() => ReinsertionFactory.Create(new OperatorSpec("steady")));
    }

    [Fact]
    public void Missing_unknown_and_fractional_parameters_are_reported()
    {
        var missing = Assert.Throws<ArgumentException>(() => CrossoverFactory.Create(OperatorSpec.Of("sbx", ("eta", 15))));
        Assert.Contains("geneProbability", missing.Message);
        var typo = Assert.Throws<ArgumentException>(() => SelectionFactory.Create(OperatorSpec.Of("tournament", ("sise", 3))));
        Assert.Contains("sise", typo.Message);
        Assert.Throws<ArgumentException>(() => SelectionFactory.Create(OperatorSpec.Of("tournament", ("size", 2.5))));
        Assert.Throws<ArgumentException>(() => ReinsertionFactory.Create(OperatorSpec.Of("generational", ("elites", 1))));
    }
}
