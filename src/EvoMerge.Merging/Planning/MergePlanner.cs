using EvoMerge.Merging.Config;
using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Methods.Papers;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Merging.Planning;

/// <summary>
/// Turns a config into a <see cref="MergePlan"/> using tensor headers only, and reports every
/// problem at once. Follows mergekit's planning: a `models` config becomes one slice whose sources
/// are the models (plus the base model when the method uses one); embeddings are planned with the
/// first slice's sources at t = 0, layers slice by slice with t = i / (L - 1) (1 for a single
/// layer), the final norm and head with the last slice's sources, also at t = 0 (as mergekit does). Parameter precedence:
/// slice source > slice > global, the first matching filter entry winning at each level.
/// </summary>
public static class MergePlanner
{
    /// <param name="fisherEstimation">How to get the Fisher of models without a fisher/ checkpoint from the config's
    /// fisher_data (computed here, before the plan is returned); null: such models are an error.</param>
    public static MergePlan Plan(MergeConfig config, IReadOnlyDictionary<string, ModelCheckpoint>? loadedModels = null, FisherEstimation? fisherEstimation = null)
    {
        var problems = new Problems();
        IMergeMethod? method = Resolve(config.MergeMethod, "merge_method", problems);
        // A slice may name its own method (a search with one method gene per layer group writes that).
        var sliceMethods = (config.Slices ?? []).Select((s, i) => s.MergeMethod is null ? method : Resolve(s.MergeMethod, $"slices[{i}].merge_method", problems)).ToList();

        SafeTensorDType? computeType = ParseDType(config.DType, "dtype", problems);
        SafeTensorDType? outputType = ParseDType(config.OutDType, "out_dtype", problems) ?? computeType;

        var models = new Dictionary<string, ModelCheckpoint>();
        foreach (var path in config.ReferencedModels())
        {
            var loaded = loadedModels != null && loadedModels.TryGetValue(path, out var m) ? m : ModelCheckpoint.TryLoad(path, problems.List);
            if (loaded != null) models[path] = loaded;
        }
        if (method != null && sliceMethods.All(m => m != null)) CheckParameterNames(config, method, sliceMethods!, problems);
        IReadOnlyList<IMergeMethod?> used = config.Slices is null ? [method] : sliceMethods;
        foreach (var m in used.OfType<IMergeMethod>().Distinct())
            if (m.BaseModel == BaseModelUse.Required && config.BaseModel == null)
                problems.Add($"base_model: method '{m.Name}' needs a base model.");
        if (config.TokenizerSource is { } tok && tok != "base" && ModelFolderFiles.WhyNotATokenizerSource(tok) is { } why)
            problems.Add($"tokenizer_source: {tok}: {why}; give a model folder with config.json and tokenizer files, or 'base'.");
        if (method == null || used.Any(m => m == null) || models.Count < config.ReferencedModels().Count) problems.ThrowIfAny();

        var methods = used.Select(m => m!).ToList();
        var slices = Normalize(config, methods, models, problems);
        problems.ThrowIfAny();

        var builder = new TensorPlanBuilder(config, models, computeType, outputType, problems);
        var tensors = builder.Build(slices, methods, out int outputLayers);
        // One Fisher-weighted method at most can be among the slices' methods (there is one: fisher).
        var fisherMethod = methods.FirstOrDefault(m => m is IUsesFisherInformation) ?? method!;
        var fisherFolders = FisherCheck.Resolve(config, fisherMethod, tensors.Where(t => t.Method == fisherMethod).ToList(), models, fisherEstimation, problems);
        problems.ThrowIfAny();

        long seed = config.RandomSeed ?? (long)(System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue));
        return new MergePlan(config with { RandomSeed = seed }, method!, models, tensors, outputLayers, seed, builder.Warnings) { FisherFolders = fisherFolders };
    }

    static IMergeMethod? Resolve(string name, string field, Problems problems)
    {
        try { return MergeMethodRegistry.Get(name); }
        catch (ArgumentException e) { problems.Add($"{field}: {e.Message}"); return null; }
    }

    static SafeTensorDType? ParseDType(string? name, string field, Problems problems)
    {
        if (name == null) return null;
        if (DTypeNames.TryParse(name, out var dtype)) return dtype;
        problems.Add($"{field}: unknown dtype '{name}'; valid: {string.Join(", ", DTypeNames.Valid)}.");
        return null;
    }

    static void CheckParameterNames(MergeConfig config, IMergeMethod topMethod, IReadOnlyList<IMergeMethod> sliceMethods, Problems problems)
    {
        void Check(ParameterSet set, string path, IMergeMethod method)
        {
            var specs = method.GlobalParameters.Concat(method.ModelParameters).GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First());
            foreach (var (name, setting) in set.Values)
            {
                if (!specs.TryGetValue(name, out var spec))
                {
                    string valid = specs.Count == 0 ? "it takes no parameters" : "valid: " + string.Join(", ", specs.Keys);
                    problems.Add($"{path}.{name}: unknown parameter for method '{method.Name}'; {valid}.");
                    continue;
                }
                foreach (var value in setting.Literals())
                    if (!spec.IsValid(value))
                        problems.Add($"{path}.{name}: {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is out of range; expected {spec.ValidRange}.");
            }
        }
        Check(config.Parameters, "parameters", topMethod);
        for (int i = 0; i < (config.Models?.Count ?? 0); i++) Check(config.Models![i].Parameters, $"models[{i}].parameters", topMethod);
        for (int i = 0; i < (config.Slices?.Count ?? 0); i++)
        {
            Check(config.Slices![i].Parameters, $"slices[{i}].parameters", sliceMethods[i]);
            for (int j = 0; j < config.Slices[i].Sources.Count; j++)
                Check(config.Slices[i].Sources[j].Parameters, $"slices[{i}].sources[{j}].parameters", sliceMethods[i]);
        }
    }

    /// <summary>Both config shapes become slices (<paramref name="methods"/>: one per slice); layer ranges and counts are checked here.</summary>
    static IReadOnlyList<SliceEntry> Normalize(MergeConfig config, IReadOnlyList<IMergeMethod> methods, Dictionary<string, ModelCheckpoint> models, Problems problems)
    {
        bool UsesBase(IMergeMethod method) => config.BaseModel != null && method.BaseModel != BaseModelUse.NotUsed;
        List<SliceEntry> slices;
        if (config.Models != null)
        {
            bool usesBase = UsesBase(methods[0]);
            var sources = config.Models.Select(m => new SliceSource(m.Model, 0, models[m.Model].Layout.LayerCount, m.Parameters)).ToList();
            if (usesBase && sources.All(s => s.Model != config.BaseModel))
                sources.Add(new SliceSource(config.BaseModel!, 0, models[config.BaseModel!].Layout.LayerCount, ParameterSet.Empty));
            var counts = sources.Select(s => (s.Model, s.End)).Distinct().ToList();
            if (counts.Select(c => c.End).Distinct().Count() > 1)
                problems.Add("models: the models have different layer counts (" + string.Join(", ", counts.Select(c => $"{c.Model}: {c.End}")) + "); use slices to pick matching layer ranges.");
            slices = [new SliceEntry(sources, ParameterSet.Empty)];
        }
        else
        {
            slices = config.Slices!.ToList();
            for (int i = 0; i < slices.Count; i++)
            {
                var s = slices[i];
                for (int j = 0; j < s.Sources.Count; j++)
                {
                    var src = s.Sources[j];
                    int layers = models[src.Model].Layout.LayerCount;
                    if (src.End > layers)
                        problems.Add($"slices[{i}].sources[{j}].layer_range: [{src.Start}, {src.End}] exceeds the {layers} layers of {src.Model}.");
                }
                if (s.Sources.Select(x => x.LayerCount).Distinct().Count() > 1)
                    problems.Add($"slices[{i}]: all sources of a slice must span the same number of layers (" + string.Join(", ", s.Sources.Select(x => x.LayerCount)) + ").");
                if (UsesBase(methods[i]) && s.Sources.All(x => x.Model != config.BaseModel))
                    problems.Add($"slices[{i}]: method '{methods[i].Name}' uses the base model, so it must be one of the slice's sources.");
            }
        }
        for (int i = 0; i < slices.Count; i++)
            if (methods[i].RequiredModelCount is int required && slices[i].Sources.Count != required)
                problems.Add((config.Models != null ? "models" : $"slices[{i}].sources") +
                    $": method '{methods[i].Name}' takes exactly {required} model(s) (the base model counts when listed), got {slices[i].Sources.Count}.");
        return slices;
    }

    /// <summary>An ordered, de-duplicated list of problems.</summary>
    internal sealed class Problems
    {
        readonly HashSet<string> _seen = [];
        public List<string> List { get; } = [];
        public void Add(string problem) => Add(problem, problem);
        /// <summary>Adds <paramref name="problem"/> unless one with the same key was added (e.g. the same issue on every layer).</summary>
        public void Add(string key, string problem) { if (_seen.Add(key)) List.Add(problem); }
        public void ThrowIfAny()
        {
            // ModelCheckpoint.TryLoad appends to List directly; keep the seen-set in step.
            if (List.Count > 0) throw new MergeConfigException(List.Distinct().ToList());
        }
    }
}
