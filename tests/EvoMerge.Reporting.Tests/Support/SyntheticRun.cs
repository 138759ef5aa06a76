using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.Schema;

namespace EvoMerge.Reporting.Tests;

/// <summary>Writes small run folders through <see cref="RunFolder"/>, as the run loop does.</summary>
internal sealed class SyntheticRun : IDisposable
{
    private SyntheticRun(RunFolder folder, RunSchema schema)
    {
        Folder = folder;
        Schema = schema;
    }

    public RunFolder Folder { get; }

    public RunSchema Schema { get; }

    public string Path => Folder.Path;

    public static RunSchema Schema1(params string[] genes) => new(genes, ["task.t.accuracy"], [new ObjectiveInfo("acc", true)]);

    /// <summary>A run folder with the schema in its first journal line; the caller appends and disposes (which commits).</summary>
    public static SyntheticRun Create(string path, RunSchema schema) =>
        new(RunFolder.Create(path, "name: test\n", Created(schema)), schema);

    public static RunCreated Created(RunSchema? schema) => new(
        "sha256:feed",
        7,
        new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        schema is null ? new JsonObject() : new JsonObject { [RunSchema.ExtraKey] = schema.ToJson() });

    public void Batch(int generation, params (long Id, double[] Genes)[] candidates) =>
        Folder.Journal.Append(new BatchAsked(generation, candidates.Select(c => new Candidate(c.Id, c.Genes)).ToList()));

    /// <summary>Completes a trial; each metric of the schema gets <paramref name="metric"/> unless it is NaN (then none is reported).</summary>
    public void Complete(long id, int generation, double[] objectives, double metric = 0.5) =>
        Folder.Journal.Append(new TrialCompleted(
            id,
            generation,
            objectives,
            double.IsNaN(metric) ? new Dictionary<string, double>() : Schema.Metrics.ToDictionary(m => m, _ => metric),
            null,
            0.25));

    public void Fail(long id, int generation, string reason) => Folder.Journal.Append(new TrialFailed(id, generation, reason, 1.0));

    public void Finish() => Folder.Journal.Append(new RunFinished(["budget: evaluations"]));

    public void Dispose() => Folder.Dispose();
}
