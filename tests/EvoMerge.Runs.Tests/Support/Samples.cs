using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Runs.Tests;

/// <summary>Events with awkward values, shared by the tests.</summary>
internal static class Samples
{
    /// <summary>Doubles whose text form is easy to get wrong: subnormals, signed zero, extremes, thirds.</summary>
    public static readonly double[] TrickyDoubles =
    [
        1.0 / 3, -0.0, 0.0, double.Epsilon, -double.Epsilon, 2.2250738585072009E-308, 2.2250738585072014E-308,
        double.MaxValue, double.MinValue, 0.1 + 0.2, 1e-300, 123456789.123456789, Math.PI, -Math.E,
    ];

    public static RunCreated Created(ulong seed = 42) => new(
        "sha256:0123abcd",
        seed,
        new DateTimeOffset(2025, 3, 4, 5, 6, 7, 891, TimeSpan.Zero).AddTicks(2345),
        new JsonObject { ["optimizer"] = "cmaes", ["seeds"] = new JsonObject { ["data"] = 7 } });

    public static BatchAsked Batch(int generation, long firstId, int count, int genes = 3) =>
        new(generation, Enumerable.Range(0, count)
            .Select(i => new Candidate(firstId + i, Enumerable.Range(0, genes).Select(g => (firstId + i) * 0.1 + g / 3.0).ToArray()))
            .ToList());

    public static TrialCompleted Completed(long id, int generation, params double[] objectives) =>
        new(id, generation, objectives, new Dictionary<string, double> { ["task.digits.accuracy"] = 0.5 + id / 100.0 }, null, 0.25);

    public static TrialFailed Failed(long id, int generation) => new(id, generation, "out of memory, \"oops\"\nsecond line", 1.5);

    /// <summary>Creates a run journal in <paramref name="folder"/> holding a creation, two batches and outcomes.</summary>
    public static void WriteSmallJournal(string folder, RunJournalOptions? options = null)
    {
        using var journal = RunJournal.Create(folder, Created(), options);
        journal.Append(Batch(0, 0, 2));
        journal.Append(Completed(0, 0, 1.0));
        journal.Append(Failed(1, 0));
        journal.Commit();
        journal.Append(Batch(1, 2, 2));
        journal.Append(Completed(2, 1, 0.5));
        journal.Commit();
    }
}
