using EvoMerge.Core.Randomness;
using EvoMerge.Fitness.Subsets;

namespace EvoMerge.Fitness.Tests.Subsets;

public class FixedSubsetTests
{
    [Fact]
    public void Same_seed_gives_the_same_subset_and_another_seed_a_different_one()
    {
        var first = FixedSubset.Draw(1000, new Rng(7)).Take(200);
        var again = FixedSubset.Draw(1000, new Rng(7)).Take(200);
        var other = FixedSubset.Draw(1000, new Rng(8)).Take(200);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(200, first.Distinct().Count());
        Assert.True(first.SequenceEqual(first.Order()), "Take returns the indices ascending");
    }

    [Fact]
    public void Order_is_a_permutation_of_all_examples()
    {
        var subset = FixedSubset.Draw(257, new Rng(1), Enumerable.Range(0, 257).Select(i => i % 3).ToArray());
        Assert.Equal(Enumerable.Range(0, 257), subset.Order.OrderBy(i => i));
    }

    [Fact]
    public void Every_prefix_holds_each_label_in_proportion_within_one_example()
    {
        // Unbalanced labels: 60 % zeros, 30 % ones, 10 % twos.
        var labels = Enumerable.Range(0, 1000).Select(i => i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2).ToArray();
        var subset = FixedSubset.Draw(labels.Length, new Rng(3), labels);
        foreach (int size in new[] { 10, 37, 100, 333, 1000 })
        {
            var prefix = subset.Order.Take(size).ToArray();
            foreach (var (label, share) in new[] { (0, 0.6), (1, 0.3), (2, 0.1) })
            {
                int count = prefix.Count(i => labels[i] == label);
                Assert.InRange(count, share * size - 1, share * size + 1);
            }
        }
    }

    [Fact]
    public void Asking_for_more_than_the_task_has_gives_the_whole_task()
    {
        Assert.Equal(Enumerable.Range(0, 50), FixedSubset.Draw(50, new Rng(2)).Take(200));
    }

    [Fact]
    public void Labels_of_the_wrong_length_are_refused_with_both_counts()
    {
        var error = Assert.Throws<ArgumentException>(() => FixedSubset.Draw(10, new Rng(1), new int[9]));
        Assert.Contains("9 labels for 10 examples", error.Message);
    }
}
