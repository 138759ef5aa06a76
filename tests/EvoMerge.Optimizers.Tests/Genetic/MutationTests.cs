using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Genetic;
using EvoMerge.Optimizers.Genetic.Mutation;

namespace EvoMerge.Optimizers.Tests.Genetic;

public class MutationTests
{
    static readonly Bounds Box = new(new[] { -1.0, 0, 10 }, new[] { 1.0, 1, 20 });

    public static TheoryData<string> All => new() { "gaussian", "polynomial", "uniform" };

    static IMutation Make(string name, double p) => name switch
    {
        "gaussian" => new GaussianMutation(0.5, p),
        "polynomial" => new PolynomialMutation(1, p),
        _ => new UniformMutation(p),
    };

    [Theory]
    [MemberData(nameof(All))]
    public void Mutants_lie_within_the_bounds_and_the_input_is_untouched(string name)
    {
        var rng = new Rng(1);
        var mutation = Make(name, 1.0);
        var edge = new Chromosome(new[] { 1.0, 0.0, 10.0 });
        for (int trial = 0; trial < 5_000; trial++)
        {
            var mutant = mutation.Mutate(edge, Box, rng);
            Assert.True(Box.Contains(mutant.Genes));
        }
        Assert.Equal(new[] { 1.0, 0.0, 10.0 }, edge.ToArray());
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Gene_probability_zero_changes_nothing_and_one_changes_every_gene(string name)
    {
        var rng = new Rng(2);
        var x = new Chromosome(new[] { 0.25, 0.5, 15 });
        Assert.Equal(x.ToArray(), Make(name, 0).Mutate(x, Box, rng).ToArray());
        var m = Make(name, 1).Mutate(x, Box, rng);
        for (int i = 0; i < x.Length; i++) Assert.NotEqual(x[i], m[i]);
    }

    [Fact]
    public void Gaussian_step_has_sigma_times_the_range_as_standard_deviation()
    {
        var bounds = Bounds.Uniform(1, -100, 100);
        var rng = new Rng(3);
        var x = new Chromosome(new[] { 0.0 });
        var steps = Enumerable.Range(0, 40_000).Select(_ => new GaussianMutation(0.01, 1).Mutate(x, bounds, rng)[0]).ToArray();
        double sd = Math.Sqrt(steps.Select(s => s * s).Average());
        Assert.InRange(sd, 2.0 * 0.97, 2.0 * 1.03); // 0.01 × 200
        Assert.InRange(steps.Average(), -0.05, 0.05);
    }

    [Fact]
    public void Polynomial_mutation_moves_less_for_larger_eta_and_is_unbiased_at_the_centre()
    {
        var bounds = Bounds.Uniform(1, 0, 1);
        var centre = new Chromosome(new[] { 0.5 });
        double MeanAbsStep(double eta, out double meanStep)
        {
            var rng = new Rng(4);
            var steps = Enumerable.Range(0, 20_000).Select(_ => new PolynomialMutation(eta, 1).Mutate(centre, bounds, rng)[0] - 0.5).ToArray();
            meanStep = steps.Average();
            return steps.Select(Math.Abs).Average();
        }
        double wide = MeanAbsStep(1, out double mean1), narrow = MeanAbsStep(50, out double mean50);
        Assert.True(narrow < wide / 5, $"eta 50 mean step {narrow} vs eta 1 {wide}");
        Assert.InRange(mean1, -0.01, 0.01);
        Assert.InRange(mean50, -0.002, 0.002);
    }

    [Fact]
    public void Polynomial_mutation_reaches_both_sides_from_near_a_bound_without_leaving_the_box()
    {
        var bounds = Bounds.Uniform(1, 0, 1);
        var nearLower = new Chromosome(new[] { 0.01 });
        var rng = new Rng(5);
        var values = Enumerable.Range(0, 20_000).Select(_ => new PolynomialMutation(5, 1).Mutate(nearLower, bounds, rng)[0]).ToArray();
        Assert.All(values, v => Assert.InRange(v, 0.0, 1.0));
        Assert.Contains(values, v => v < 0.01);
        Assert.Contains(values, v => v > 0.2);
        // The bounded form does not pile mass on the bound the way clamping would.
        Assert.True(values.Count(v => v == 0.0) < 20);
    }

    [Fact]
    public void Uniform_mutation_spreads_over_the_whole_range()
    {
        var bounds = Bounds.Uniform(1, 10, 20);
        var rng = new Rng(6);
        var x = new Chromosome(new[] { 19.0 });
        var values = Enumerable.Range(0, 20_000).Select(_ => new UniformMutation(1).Mutate(x, bounds, rng)[0]).ToArray();
        Assert.InRange(values.Average(), 14.9, 15.1);
        Assert.True(values.Min() < 10.01 && values.Max() > 19.99);
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMutation(0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMutation(0.1, -0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolynomialMutation(double.PositiveInfinity, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UniformMutation(1.01));
        Assert.Throws<ArgumentException>(() => new UniformMutation(1).Mutate(new Chromosome(new[] { 0.0 }), Box, new Rng(1)));
    }
}
