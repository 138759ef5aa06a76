using EvoMerge.Core.Randomness;

namespace EvoMerge.Experiments.DigitsDemo;

/// <summary>
/// The demo's three disjoint row sets, each holding the same share of every digit, drawn with the seed: test rows
/// (only reported, never used for selection), validation rows (the search's fitness data) and the remaining
/// training rows, on which the base and the experts train. All 1797 rows of the file are pooled first: the file's
/// last rows come from other writers than its first ones, and fitness measured on one kind of handwriting would
/// not carry over to the other.
/// </summary>
public sealed record DigitsDemoSplit(DigitRows Train, DigitRows Validation, DigitRows Test)
{
    public static DigitsDemoSplit Make(DigitRows all, double validationFraction, double testFraction, Rng rng)
    {
        var validation = new List<int>();
        var test = new List<int>();
        var train = new List<int>();
        for (int digit = 0; digit < 10; digit++)
        {
            var rows = Enumerable.Range(0, all.Count).Where(i => all.Labels[i] == digit).ToArray();
            Shuffle(rows, rng);
            int testCount = (int)Math.Round(rows.Length * testFraction);
            int validationCount = (int)Math.Round(rows.Length * validationFraction);
            test.AddRange(rows.Take(testCount));
            validation.AddRange(rows.Skip(testCount).Take(validationCount));
            train.AddRange(rows.Skip(testCount + validationCount));
        }
        // File order within each set, so the files read naturally and do not depend on the digit loop.
        train.Sort();
        validation.Sort();
        test.Sort();
        return new DigitsDemoSplit(all.Take(train), all.Take(validation), all.Take(test));
    }

    /// <summary>Fisher–Yates with the run's generator.</summary>
    static void Shuffle(int[] items, Rng rng)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
