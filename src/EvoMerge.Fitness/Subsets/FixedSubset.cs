using EvoMerge.Core.Randomness;

namespace EvoMerge.Fitness.Subsets;

/// <summary>
/// A seeded choice of example indices of one task that every candidate is scored on (common random
/// numbers: differences between candidates are then differences between models, not between
/// samples). Where examples carry labels the choice is stratified: every prefix of
/// <see cref="Order"/> holds each label in proportion to its share of the task, within one example,
/// so racing's growing slices and a fixed subset of any size are both stratified.
/// </summary>
public sealed class FixedSubset
{
    FixedSubset(int exampleCount, int[] order)
    {
        ExampleCount = exampleCount;
        Order = order;
    }

    /// <summary>Number of examples in the whole task.</summary>
    public int ExampleCount { get; }

    /// <summary>A permutation of all example indices; the first <c>n</c> form the subset of size <c>n</c>.</summary>
    public IReadOnlyList<int> Order { get; }

    /// <summary>
    /// Draws the order of the task's examples. <paramref name="labels"/> (one per example, any
    /// integers) switches on stratification; without it the order is a uniform random permutation.
    /// </summary>
    public static FixedSubset Draw(int exampleCount, Rng rng, IReadOnlyList<int>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (exampleCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(exampleCount), "A task needs at least one example to draw a subset from.");
        if (labels is not null && labels.Count != exampleCount)
            throw new ArgumentException($"Got {labels.Count} labels for {exampleCount} examples; give one label per example.", nameof(labels));

        if (labels is null)
        {
            var all = Enumerable.Range(0, exampleCount).ToArray();
            Shuffle(all, rng);
            return new FixedSubset(exampleCount, all);
        }

        // Within each label the examples are shuffled; the r-th of a label with n members is placed at
        // position (r + 0.5) / n on [0, 1], and sorting all examples by that position interleaves the
        // labels evenly. A random tie-break keeps labels of equal size from always alternating alike.
        var keys = new (double Position, double TieBreak, int Index)[exampleCount];
        foreach (var stratum in Enumerable.Range(0, exampleCount).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var members = stratum.ToArray();
            Shuffle(members, rng);
            for (int r = 0; r < members.Length; r++)
                keys[members[r]] = ((r + 0.5) / members.Length, rng.NextDouble(), members[r]);
        }
        var order = keys.OrderBy(k => k.Position).ThenBy(k => k.TieBreak).Select(k => k.Index).ToArray();
        return new FixedSubset(exampleCount, order);
    }

    /// <summary>The first <paramref name="size"/> examples of the order, sorted ascending (the whole task if it is smaller).</summary>
    public int[] Take(int size)
    {
        if (size <= 0)
            throw new ArgumentOutOfRangeException(nameof(size), "A fitness subset needs at least one example.");
        var chosen = Order.Take(Math.Min(size, ExampleCount)).ToArray();
        Array.Sort(chosen);
        return chosen;
    }

    static void Shuffle(int[] items, Rng rng)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
