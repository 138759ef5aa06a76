using EvoMerge.Optimizers.Genetic;
using EvoMerge.Optimizers.Genetic.Reinsertion;

namespace EvoMerge.Optimizers.Tests.Genetic;

public class ReinsertionTests
{
    [Fact]
    public void Elitist_keeps_the_best_parents_even_when_every_child_is_worse()
    {
        var parents = Population.WithFitness(5, 1, 3, 2);
        var offspring = Population.WithFitness(10, 11).Select(i => new Individual(new Chromosome(new[] { 100.0 + i.Fitness }), i.Fitness)).ToArray();
        var next = new ElitistReinsertion(2).Reinsert(parents, offspring, 4);
        Assert.Equal(new[] { 1.0, 2.0, 10.0, 11.0 }, next.Select(i => i.Fitness));
        Assert.Equal(parents.Min(p => p.Fitness), next.Min(p => p.Fitness));
    }

    [Fact]
    public void Elitist_ranks_failed_parents_last_and_keeps_the_best_children_when_there_are_too_many()
    {
        var parents = Population.WithFitness(double.PositiveInfinity, 4);
        var offspring = Population.WithFitness(9, 3, 7);
        var next = new ElitistReinsertion(1).Reinsert(parents, offspring, 3);
        Assert.Equal(new[] { 4.0, 3.0, 7.0 }, next.Select(i => i.Fitness));
    }

    [Fact]
    public void Generational_replaces_the_parents()
    {
        var parents = Population.WithFitness(0, 0, 0);
        var offspring = Population.WithFitness(5, 6, 7);
        Assert.Equal(offspring, new GenerationalReinsertion().Reinsert(parents, offspring, 3));
        Assert.Equal(new[] { 5.0, 6.0 }, new GenerationalReinsertion().Reinsert(parents, offspring, 2).Select(i => i.Fitness));
    }

    [Fact]
    public void Offspring_counts_and_size_checks()
    {
        Assert.Equal(7, new ElitistReinsertion(3).OffspringCount(10));
        Assert.Equal(10, new GenerationalReinsertion().OffspringCount(10));
        Assert.Equal(10, new ElitistReinsertion(0).OffspringCount(10));
        Assert.Throws<ArgumentException>(() => new ElitistReinsertion(10).OffspringCount(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ElitistReinsertion(-1));
        Assert.Throws<ArgumentException>(() => new ElitistReinsertion(1).Reinsert(Population.WithFitness(1, 2, 3), Population.WithFitness(1), 3));
        Assert.Throws<ArgumentException>(() => new GenerationalReinsertion().Reinsert(Population.WithFitness(1), Population.WithFitness(1), 2));
    }
}
