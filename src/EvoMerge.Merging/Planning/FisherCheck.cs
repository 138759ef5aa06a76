using EvoMerge.Merging.Config;
using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Methods.Papers;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Errors;
using EvoMerge.SafeTensors.Reading;

namespace EvoMerge.Merging.Planning;

/// <summary>
/// For methods weighted by Fisher information: finds each model's Fisher checkpoint (its <c>fisher/</c> folder,
/// else one estimated from the config's <c>fisher_data</c> into the cache), and checks that it holds each tensor
/// the plan reads from that model, with its shape. Every problem is reported before anything is estimated, and
/// all of it happens before any weight is merged.
/// </summary>
internal static class FisherCheck
{
    /// <summary>The Fisher folder of every model (empty for methods that do not use it).</summary>
    public static IReadOnlyDictionary<string, string> Resolve(MergeConfig config, IMergeMethod method, IReadOnlyList<PlannedTensor> tensors,
        IReadOnlyDictionary<string, ModelCheckpoint> models, FisherEstimation? estimation, MergePlanner.Problems problems)
    {
        var settings = Settings(config, problems);
        if (method is not IUsesFisherInformation)
        {
            if (settings.Count > 0)
                problems.Add($"{settings[0].Where}: fisher_* fields are read by merge_method fisher only, not '{method.Name}'; remove them.");
            return new Dictionary<string, string>();
        }

        var global = config.Parameters.FisherData;
        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new List<(string Model, FisherDataSetting Data, string Folder)>();
        // Only the models the Fisher-weighted tensors read: another slice's method may read the base, which needs no Fisher.
        foreach (var path in models.Keys.Where(p => tensors.Any(t => t.Inputs.Any(i => i.Model == p))))
        {
            string own = FisherFiles.Folder(path);
            if (Directory.Exists(own))
            {
                folders[path] = own;
                continue;
            }
            if (estimation?.Resolved?.TryGetValue(path, out var resolved) == true)
            {
                folders[path] = resolved;
                continue;
            }
            var setting = config.Models?.FirstOrDefault(m => m.Model == path)?.Parameters.FisherData?.Over(global) ?? global;
            if (setting?.Data is not { } data)
            {
                problems.Add($"{path}: merge_method '{method.Name}' needs the model's diagonal Fisher information: there is no {own}/ and the config names no task data for it. " +
                    "Run `evomerge fisher MODEL --data FILE` (it writes MODEL/fisher/), or name the data in the config: parameters: {fisher_data: FILE} (globally or for this model).");
                continue;
            }
            if (!File.Exists(data))
            {
                problems.Add($"{path}: fisher_data {data}: file not found (the task data to estimate this model's Fisher information from).");
                continue;
            }
            if (estimation is null)
            {
                problems.Add($"{path}: has no {own}/, and this merge cannot estimate it from fisher_data here; run `evomerge fisher MODEL --data {data}` first.");
                continue;
            }
            foreach (var problem in estimation.Estimator.FindProblems(path, setting))
                problems.Add($"{path}: fisher_data: {problem}");
            string cached = Path.Combine(estimation.CacheFolder, FisherCacheKey.Of(path, setting));
            folders[path] = cached;
            if (!Directory.Exists(cached)) pending.Add((path, setting, cached));
        }
        problems.ThrowIfAny();

        if (estimation?.CheckOnly == true)
            foreach (var (model, _, _) in pending) folders.Remove(model);
        else
            foreach (var (model, data, folder) in pending)
                estimation!.Estimator.Estimate(model, data, folder, CancellationToken.None);
        foreach (var (path, folder) in folders)
            CheckTensors(method, path, folder, tensors, models[path], problems);
        return folders;
    }

    static List<(string Where, FisherDataSetting Setting)> Settings(MergeConfig config, MergePlanner.Problems problems)
    {
        var found = new List<(string, FisherDataSetting)>();
        if (config.Parameters.FisherData is { } global) found.Add(("parameters", global));
        for (int i = 0; i < (config.Models?.Count ?? 0); i++)
            if (config.Models![i].Parameters.FisherData is { } own) found.Add(($"models[{i}].parameters", own));
        for (int i = 0; i < (config.Slices?.Count ?? 0); i++)
        {
            var slice = config.Slices![i];
            if (slice.Parameters.FisherData != null || slice.Sources.Any(s => s.Parameters.FisherData != null))
                problems.Add($"slices[{i}]: fisher_* fields belong in the global parameters or a model's parameters under models:, not in slices (a model has one Fisher).");
        }
        return found;
    }

    static void CheckTensors(IMergeMethod method, string path, string folder, IReadOnlyList<PlannedTensor> tensors, ModelCheckpoint model, MergePlanner.Problems problems)
    {
        CheckpointHeader header;
        try
        {
            header = SafeTensorsCheckpoint.ReadHeaders(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SafeTensorsFormatException or PickleCheckpointException)
        {
            problems.Add($"{path}: merge_method '{method.Name}' needs the model's diagonal Fisher information in {folder}/ " +
                $"(a float32 safetensors checkpoint with the model's tensor names and shapes; `evomerge fisher MODEL --data FILE` writes it): {e.Message}");
            return;
        }
        foreach (var input in tensors.SelectMany(t => t.Inputs).Where(i => i.Model == path))
        {
            if (!header.Tensors.TryGetValue(input.TensorName, out var info))
                problems.Add($"{folder}: the Fisher checkpoint lacks tensor '{input.TensorName}'; recompute it for this model.");
            else if (!info.Shape.SequenceEqual(model.Header.Tensors[input.TensorName].Shape))
                problems.Add($"{folder}: Fisher tensor '{input.TensorName}' has shape [{string.Join(", ", info.Shape)}], the model's [{string.Join(", ", model.Header.Tensors[input.TensorName].Shape)}].");
        }
    }
}
