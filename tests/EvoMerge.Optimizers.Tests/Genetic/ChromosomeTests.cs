using System.Text.Json.Nodes;
using EvoMerge.Optimizers.Genetic;

namespace EvoMerge.Optimizers.Tests.Genetic;

public class ChromosomeTests
{
    [Fact]
    public void A_chromosome_owns_a_private_copy_of_its_genes()
    {
        var source = new[] { 1.0, 2.0 };
        var chromosome = new Chromosome(source);
        source[0] = 99;
        Assert.Equal(1.0, chromosome[0]);
        var copy = chromosome.ToArray();
        copy[1] = 99;
        Assert.Equal(2.0, chromosome[1]);
    }

    [Fact]
    public void Non_finite_genes_and_fitness_values_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Chromosome(new[] { 0.0, double.NaN }));
        Assert.Throws<ArgumentException>(() => new Chromosome(new[] { double.PositiveInfinity }));
        var c = new Chromosome(new[] { 0.0 });
        Assert.Throws<ArgumentException>(() => new Individual(c, double.NaN));
        Assert.Throws<ArgumentException>(() => new Individual(c, double.NegativeInfinity));
        Assert.True(Individual.Failed(c).IsFailed);
        Assert.False(new Individual(c, 1e300).IsFailed);
    }

    [Fact]
    public void Best_first_order_is_stable_and_puts_failures_last()
    {
        var population = Population.WithFitness(2, double.PositiveInfinity, 1, 2, -3);
        Assert.Equal(new[] { 4, 2, 0, 3, 1 }, FitnessOrder.BestFirst(population));
    }

    [Fact]
    public void Operator_specs_round_trip_through_json_with_exact_parameters()
    {
        var spec = new OperatorSpec("custom",
            new Dictionary<string, double> { ["b"] = 0.1 + 0.2, ["a"] = double.Epsilon, ["c"] = -0.0 },
            new[] { OperatorSpec.Of("child", ("x", 1.0 / 3)) });
        var back = OperatorSpec.FromJson(JsonNode.Parse(spec.ToJson().ToJsonString()));
        Assert.Equal("custom", back.Name);
        Assert.Equal(new[] { "a", "b", "c" }, back.Parameters.Keys); // sorted, so the JSON is stable
        foreach (var (key, value) in spec.Parameters)
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back.Parameters[key]));
        Assert.Equal(1.0 / 3, back.Children.Single().Get("x"));
        Assert.Throws<ArgumentException>(() => new OperatorSpec(" "));
    }
}
