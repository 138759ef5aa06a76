using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Genetic;
using EvoMerge.Optimizers.Genetic.Selection;

namespace EvoMerge.Optimizers.Tests.Genetic;

public class SelectionTests
{
    static int[] Counts(ISelection selection, Individual[] population, int draws, ulong seed)
    {
        var counts = new int[population.Length];
        foreach (var i in selection.Select(population, draws, new Rng(seed))) counts[Population.IndexOf(i)]++;
        return counts;
    }

    [Fact]
    public void Tournament_of_the_whole_population_always_picks_the_best()
    {
        var population = Population.WithFitness(3, 0.5, 7, 2, double.PositiveInfinity);
        var picks = new TournamentSelection(population.Length).Select(population, 200, new Rng(1));
        Assert.All(picks, p => Assert.Equal(1, Population.IndexOf(p)));
    }

    [Fact]
    public void Tournament_winner_is_the_best_of_its_k_contestants_so_the_worst_k_minus_1_never_win()
    {
        // With k = 3 of 6, an individual wins only if it is the best of 3 distinct contestants,
        // so the two worst can never be picked, and the best wins whenever it takes part (p = 1/2).
        var population = Population.WithFitness(4, 1, 6, 2, 5, 3);
        var counts = Counts(new TournamentSelection(3), population, 20_000, 2);
        Assert.Equal(0, counts[2]);
        Assert.Equal(0, counts[4]);
        Assert.InRange(counts[1] / 20_000.0, 0.48, 0.52);
    }

    [Fact]
    public void Tournament_of_one_is_uniform()
    {
        var counts = Counts(new TournamentSelection(1), Population.WithFitness(1, 2, 3, 4), 40_000, 3);
        Assert.All(counts, c => Assert.InRange(c, 9_400, 10_600));
    }

    [Fact]
    public void Tournament_breaks_ties_by_population_order_and_puts_failures_last()
    {
        var population = Population.WithFitness(double.PositiveInfinity, 2, 2, double.PositiveInfinity);
        var picks = new TournamentSelection(4).Select(population, 10, new Rng(4));
        Assert.All(picks, p => Assert.Equal(1, Population.IndexOf(p)));
    }

    [Fact]
    public void Tournament_rejects_bad_sizes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TournamentSelection(0));
        Assert.Throws<ArgumentException>(() => new TournamentSelection(5).Select(Population.WithFitness(1, 2), 1, new Rng(1)));
    }

    [Fact]
    public void Roulette_weights_follow_the_documented_transform()
    {
        // worst 4, best 1, range 3, n = 3 → offset 1: weights 4−f+1.
        Assert.Equal(new[] { 4.0, 3.0, 1.0 }, RouletteWheelSelection.Weights(Population.WithFitness(1, 2, 4)));
        // Failed individuals get nothing; equal completed ones share equally.
        Assert.Equal(new[] { 0.0, 1.0, 1.0 }, RouletteWheelSelection.Weights(Population.WithFitness(double.PositiveInfinity, 3, 3)));
        Assert.Equal(new[] { 1.0, 1.0 }, RouletteWheelSelection.Weights(Population.WithFitness(double.PositiveInfinity, double.PositiveInfinity)));
    }

    [Fact]
    public void Roulette_probabilities_do_not_change_under_positive_affine_maps_of_fitness()
    {
        double[] fitness = { -3, 0.5, 2, 10 };
        var p1 = Normalize(RouletteWheelSelection.Weights(Population.WithFitness(fitness)));
        var p2 = Normalize(RouletteWheelSelection.Weights(Population.WithFitness(fitness.Select(f => 7 * f + 100).ToArray())));
        for (int i = 0; i < p1.Length; i++) Assert.Equal(p1[i], p2[i], 12);
    }

    [Fact]
    public void Roulette_draws_in_proportion_to_the_weights()
    {
        var counts = Counts(new RouletteWheelSelection(), Population.WithFitness(1, 2, 4), 80_000, 5);
        Assert.InRange(counts[0] / 80_000.0, 0.49, 0.51);   // 4/8
        Assert.InRange(counts[1] / 80_000.0, 0.365, 0.385); // 3/8
        Assert.InRange(counts[2] / 80_000.0, 0.12, 0.13);   // 1/8
    }

    [Fact]
    public void Rank_weights_are_linear_in_rank_with_shared_ties_and_zero_for_failures()
    {
        Assert.Equal(new[] { 1.0, 3.0, 2.0 }, RankSelection.Weights(Population.WithFitness(5, 1, 3)));
        Assert.Equal(new[] { 2.5, 2.5, 1.0 }, RankSelection.Weights(Population.WithFitness(1, 1, 3)));
        Assert.Equal(new[] { 2.0, 0.0, 1.0 }, RankSelection.Weights(Population.WithFitness(-1e9, double.PositiveInfinity, 1e9)));
    }

    [Fact]
    public void Rank_draws_in_proportion_to_rank()
    {
        var counts = Counts(new RankSelection(), Population.WithFitness(5, 1, 3), 60_000, 6);
        Assert.InRange(counts[0] / 60_000.0, 1 / 6.0 - 0.01, 1 / 6.0 + 0.01);
        Assert.InRange(counts[1] / 60_000.0, 0.5 - 0.01, 0.5 + 0.01);
    }

    [Fact]
    public void Elite_returns_the_best_in_order_and_wraps_around()
    {
        var population = Population.WithFitness(3, double.PositiveInfinity, 1, 2);
        var picks = new EliteSelection().Select(population, 6, new Rng(7)).Select(Population.IndexOf);
        Assert.Equal(new[] { 2, 3, 0, 1, 2, 3 }, picks);
    }

    [Fact]
    public void Base_class_rejects_empty_populations_and_negative_counts()
    {
        ISelection[] all = { new TournamentSelection(1), new RouletteWheelSelection(), new RankSelection(), new EliteSelection() };
        foreach (var s in all)
        {
            Assert.Throws<ArgumentException>(() => s.Select(Array.Empty<Individual>(), 1, new Rng(1)));
            Assert.Throws<ArgumentOutOfRangeException>(() => s.Select(Population.WithFitness(1), -1, new Rng(1)));
            Assert.Empty(s.Select(Population.WithFitness(1, 2), 0, new Rng(1)));
        }
    }

    static double[] Normalize(double[] w) => w.Select(x => x / w.Sum()).ToArray();
}
