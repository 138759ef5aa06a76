using EvoMerge.Merging.Methods;
using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Config;

/// <summary><c>merge: {method, parameters: {fixed global values}, dtype, out_dtype}</c>.</summary>
internal static class MergeSection
{
    public static MergeSpec? Read(YamlFields f, YamlMappingNode root)
    {
        var map = f.Mapping(root, "merge", "", required: true);
        if (map is null) return null;
        f.RejectUnknown(map, "merge", ["method", "parameters", "dtype", "out_dtype"]);
        string? method = f.String(map, "method", "merge", required: true);
        if (method is not null && !MergeMethodRegistry.TryGet(method, out _))
        {
            f.Problems.Add($"merge.method: unknown method '{method}'; valid: {string.Join(", ", MergeMethodRegistry.All.Select(m => m.Name).Where(SearchableParameters.IsSearchableMethod))}.");
            method = null;
        }
        else if (method is not null && SearchableParameters.WhyMethodCannotBeSearched(MergeMethodRegistry.Get(method)) is { } reason)
        {
            f.Problems.Add($"merge.method: '{method}' {reason}.");
            method = null;
        }

        var parameters = new Dictionary<string, double>();
        if (f.Mapping(map, "parameters", "merge", required: false) is { } pmap)
        {
            var globals = method is null ? null : MergeMethodRegistry.Get(method).GlobalParameters.ToDictionary(p => p.Name);
            foreach (var (keyNode, valueNode) in pmap.Children)
            {
                string key = ((YamlScalarNode)keyNode).Value ?? "";
                string field = $"merge.parameters.{key}";
                double? value = valueNode is YamlScalarNode { Value: "true" or "false" } b ? (b.Value == "true" ? 1 : 0) : f.Number(valueNode, field);
                if (value is null) continue;
                if (globals is not null && !globals.TryGetValue(key, out var spec))
                    f.Problems.Add($"{field}: not a global parameter of '{method}'; valid: {string.Join(", ", globals.Keys)} (per-model parameters are searched through genome.search).");
                else if (globals is not null && globals[key].Check(value.Value) is { } problem)
                    f.Problems.Add($"{field}: {problem}.");
                parameters[key] = value.Value;
            }
        }
        string? dtype = f.String(map, "dtype", "merge");
        string? outDType = f.String(map, "out_dtype", "merge");
        foreach (var (field, value) in new[] { ("merge.dtype", dtype), ("merge.out_dtype", outDType) })
            if (value is not null && !Merging.Planning.DTypeNames.TryParse(value, out _))
                f.Problems.Add($"{field}: unknown dtype '{value}'; valid: {string.Join(", ", Merging.Planning.DTypeNames.Valid)}.");
        return method is null ? null : new MergeSpec(method, parameters, dtype, outDType);
    }

    /// <summary>Base model presence and model counts the method demands.</summary>
    public static void CheckModels(MergeSpec merge, ModelsSpec models, List<string> problems)
    {
        var method = MergeMethodRegistry.Get(merge.Method);
        if (method.BaseModel == BaseModelUse.Required && models.Base is null)
            problems.Add($"models.base: method '{merge.Method}' needs a base model.");
        int listed = models.Experts.Count + (models.Base is not null && method.BaseModel != BaseModelUse.NotUsed ? 1 : 0);
        if (method.RequiredModelCount is int required && listed != required)
            problems.Add($"models: method '{merge.Method}' takes exactly {required} models (the base counts), got {listed}.");
    }
}
