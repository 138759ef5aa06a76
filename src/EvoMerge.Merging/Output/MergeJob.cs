using EvoMerge.Core.IO;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Execution;
using EvoMerge.Merging.Planning;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Writing;
using TorchSharp;

namespace EvoMerge.Merging.Output;

public sealed record MergeJobOptions
{
    public long ShardSizeBytes { get; init; } = CheckpointFiles.DefaultShardSize;
    /// <summary>Replace OUT_DIR when it is a previous EvoMerge output (nothing else is ever replaced).</summary>
    public bool Overwrite { get; init; }
    public torch.Device? Device { get; init; }
    /// <summary>Merge inputs holding NaN or infinity, and keep non-finite outputs, with a warning instead of an error.</summary>
    public bool AllowNonFinite { get; init; }
    /// <summary>The config file, when the merge comes from one: OUT_DIR may not be or hold its folder.</summary>
    public string? ConfigPath { get; init; }
    /// <summary>
    /// Estimates the Fisher of models without a fisher/ checkpoint from the config's fisher_data, into
    /// <see cref="FisherCacheFolder"/>(OUT_DIR); null: such models are an error.
    /// </summary>
    public IFisherEstimator? FisherEstimator { get; init; }

    /// <summary>Where estimated Fisher checkpoints are kept: a folder next to the output, OUT_DIR.fisher.</summary>
    public static string FisherCacheFolder(string outputDirectory) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory)) + ".fisher";
}

public sealed record MergeJobResult(string OutputDirectory, IReadOnlyList<string> Files, int Tensors, long Bytes, TimeSpan Elapsed, IReadOnlyList<string> Warnings)
{
    /// <summary>What the merge did besides merging, e.g. leftovers of interrupted merges it removed.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>
/// The merge command as a library call: validate the config and the output folder (all problems
/// at once, nothing written), then stream the merge into a hidden sibling folder and move it into
/// place only when complete, so an interrupted merge never leaves output that looks finished.
/// </summary>
public static class MergeJob
{
    public static MergePlan Prepare(MergeConfig config, string outputDirectory, MergeJobOptions options)
    {
        var outputProblems = OutputFolderCheck.Problems(outputDirectory, config, options.Overwrite, options.ConfigPath);
        if (options.ShardSizeBytes <= 0) outputProblems.Add("--shard-size: must be positive.");
        // Config problems and output problems are reported together.
        MergePlan? plan = null;
        var problems = new List<string>();
        // A bad output folder stops the merge anyway: check the Fisher data then, but estimate nothing.
        var fisher = options.FisherEstimator is { } estimator
            ? new FisherEstimation(estimator, MergeJobOptions.FisherCacheFolder(outputDirectory)) { CheckOnly = outputProblems.Count > 0 }
            : null;
        try { plan = MergePlanner.Plan(config, fisherEstimation: fisher); }
        catch (MergeConfigException e) { problems.AddRange(e.Problems); }
        problems.AddRange(outputProblems);
        if (problems.Count > 0) throw new MergeConfigException(problems);
        return plan!;
    }

    /// <summary>
    /// Merges into <paramref name="outputDirectory"/> (through a symbolic link, if it is one) under an exclusive
    /// lock. Cancelling removes the unfinished output and throws <see cref="OperationCanceledException"/>
    /// saying so; OUT_DIR is then as before.
    /// </summary>
    public static MergeJobResult Run(MergePlan plan, string outputDirectory, MergeJobOptions options, IProgress<MergeProgress>? progress = null, CancellationToken cancel = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        string target = PhysicalPaths.Resolve(outputDirectory);
        string shown = OutputFolderCheck.ShownName(outputDirectory, target);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var outputLock = OutputLock.Acquire(target, shown);
        var notes = StagedFolder.RemoveStale(target).Select(f => $"removed {f}, left behind by an interrupted merge.").ToList();
        // Checked again under the lock: another merge may have written OUT_DIR since Prepare.
        if (OutputFolderCheck.ContentProblem(target, shown, options.Overwrite) is { } problem) throw new MergeConfigException(problem);

        var warnings = plan.Warnings.ToList();
        using (var staged = StagedFolder.Begin(target))
        {
            try
            {
                WriteCheckpoint(plan, staged.Path, options, warnings, progress, cancel);
                warnings.AddRange(SideFiles.Write(plan, staged.Path));
                cancel.ThrowIfCancellationRequested();
                // No fsync: a crash leaves only the hidden aside folder, which the next merge removes.
                staged.Commit(fsync: false);
            }
            catch (OperationCanceledException e)
            {
                staged.Dispose();
                throw new OperationCanceledException($"Interrupted: removed the unfinished output ({staged.Path}); {shown} is as it was.", e, e.CancellationToken);
            }
        }

        var files = Directory.GetFiles(target).Select(Path.GetFileName).OfType<string>().Order().ToList();
        return new MergeJobResult(Path.GetFullPath(outputDirectory), files, plan.Tensors.Count, plan.Tensors.Sum(t => t.OutputBytes), started.Elapsed, warnings)
        {
            Notes = notes,
        };
    }

    static void WriteCheckpoint(MergePlan plan, string staging, MergeJobOptions options, List<string> warnings, IProgress<MergeProgress>? progress, CancellationToken cancel)
    {
        var specs = plan.Tensors.Select(t => new TensorSpec(t.OutputName, t.OutputDType, t.Shape)).ToList();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["merged_by"] = "evomerge", ["merge_method"] = plan.Method.Name };
        var nonFiniteOutputs = new HashSet<string>(StringComparer.Ordinal);
        using var writer = CheckpointWriter.Create(staging, specs, options.ShardSizeBytes, metadata);
        using var executor = new MergeExecutor(plan, options.Device)
        {
            OnNonFiniteInput = (input, index) =>
            {
                string message = $"{input.Model}: tensor '{input.TensorName}' holds NaN or infinity (first at element {index})";
                if (!options.AllowNonFinite)
                    throw new MergeConfigException(message + "; the merge would spread it. Repair or replace the model, or pass --allow-non-finite to merge it anyway.");
                warnings.Add(message + ".");
            },
        };
        executor.RunInParts((planned, offset, bytes) =>
        {
            // Checked part by part while the bytes are in the cache, before they reach the file.
            long bad = NonFinite.IndexOf(bytes, planned.OutputDType);
            if (bad >= 0 && nonFiniteOutputs.Add(planned.OutputName))
            {
                long element = offset / SafeTensorDTypes.SizeOf(planned.OutputDType) + bad;
                string message = $"tensor '{planned.OutputName}': the merge produced NaN or infinity (first at element {element}, {DTypeNames.ToName(planned.OutputDType)})";
                if (!options.AllowNonFinite)
                    throw new MergeConfigException(message + "; check the parameters for this tensor (a weight like 1e308 overflows) and the inputs.");
                warnings.Add(message + ".");
            }
            if (offset == 0 && bytes.Length == planned.OutputBytes) writer.Write(planned.OutputName, bytes);
            else writer.WritePart(planned.OutputName, offset, bytes);
        }, progress, cancel);
        writer.Commit();
    }
}
