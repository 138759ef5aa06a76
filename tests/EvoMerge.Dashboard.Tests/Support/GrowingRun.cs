using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.Schema;

namespace EvoMerge.Dashboard.Tests;

/// <summary>
/// A run folder written through <see cref="RunFolder"/> as the run loop writes it, one generation at a
/// time and committed, so a dashboard can follow it while it grows. Objectives: "acc" (maximized, the
/// first gene matters most) and, with two objectives, "size" (minimized).
/// </summary>
internal sealed class GrowingRun : IDisposable
{
    private readonly Random _random;
    private long _nextId;
    private int _generation;

    /// <param name="methods">When given, the first gene is a searched merge method named "method" choosing among these.</param>
    public GrowingRun(string path, int objectives = 2, int genes = 3, int seed = 1, IReadOnlyList<string>? methods = null)
    {
        _random = new Random(seed);
        var objectiveInfos = new[] { new ObjectiveInfo("acc", true), new ObjectiveInfo("size", false), new ObjectiveInfo("speed", true) }[..objectives];
        var names = Enumerable.Range(0, genes).Select(i => i == 0 && methods is not null ? "method" : $"layers_{i}-{i}.a.weight").ToArray();
        var categories = methods is null ? null : new Dictionary<string, IReadOnlyList<string>> { ["method"] = methods };
        Schema = new RunSchema(names, ["task.t.accuracy"], objectiveInfos, categories: categories);
        var created = new RunCreated("sha256:feed", 7, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            new JsonObject { [RunSchema.ExtraKey] = Schema.ToJson() });
        Folder = RunFolder.Create(path, "name: test\n", created);
    }

    public RunFolder Folder { get; }

    public RunSchema Schema { get; }

    public string Path => Folder.Path;

    /// <summary>Each asked trial's genes, by trial id.</summary>
    public Dictionary<long, double[]> GenesOf { get; } = [];

    public int Evaluations { get; private set; }

    public int FailedCount { get; private set; }

    /// <summary>
    /// Asks and finishes one generation of <paramref name="size"/> trials; every <paramref name="failEvery"/>-th fails.
    /// With <paramref name="metadata"/>, each candidate carries what it returns for the candidate's id (as M2N2's lineage).
    /// </summary>
    public IReadOnlyList<long> Generation(int size, int failEvery = 0, Func<long, IReadOnlyDictionary<string, string>>? metadata = null)
    {
        var candidates = Enumerable.Range(0, size)
            .Select(_ => _nextId++)
            .Select(id => new Candidate(id, Enumerable.Range(0, Schema.Genes.Count).Select(_ => _random.NextDouble()).ToArray(), metadata?.Invoke(id)))
            .ToList();
        foreach (var c in candidates) GenesOf[c.Id] = c.Genes;
        Folder.Journal.Append(new BatchAsked(_generation, candidates));
        foreach (var c in candidates)
        {
            Evaluations++;
            if (failEvery > 0 && Evaluations % failEvery == 0)
            {
                FailedCount++;
                Folder.Journal.Append(new TrialFailed(c.Id, _generation, $"out of memory in trial {c.Id}", 0.01));
                continue;
            }

            double acc = 0.8 * c.Genes[0] + 0.1 * c.Genes[^1] + 0.01 * _random.NextDouble();
            var objectives = new[] { acc, 1 + c.Genes.Sum() - acc, c.Genes[0] * (1 - c.Genes[0]) }[..Schema.Objectives.Count];
            Folder.Journal.Append(new TrialCompleted(c.Id, _generation, objectives, new Dictionary<string, double> { ["task.t.accuracy"] = acc }, null, 0.02));
        }

        Folder.Journal.Commit();
        _generation++;
        return candidates.Select(c => c.Id).ToList();
    }

    public void Finish()
    {
        Folder.Journal.Append(new RunFinished(["budget reached"]));
        Folder.Journal.Commit();
    }

    public void Dispose() => Folder.Dispose();
}
