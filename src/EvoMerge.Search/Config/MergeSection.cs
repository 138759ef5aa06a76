using EvoMerge.Merging.Config;
using EvoMerge.Merging.Methods;
using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Config;

/// <summary>
/// <c>merge: {method, parameters: {fixed global values}, dtype, out_dtype}</c>. The parameters may also name the task
/// data Fisher merging estimates each model's Fisher information from (<c>fisher_data</c> and its companions).
/// </summary>
internal static class MergeSection
{
    public static MergeSpec? Read(YamlFields f, PathResolver paths, YamlMappingNode root)
    {
        var map = f.Mapping(root, "merge", "", required: true);
        if (map is null) return null;
        f.RejectUnknown(map, "merge", ["method", "parameters", "dtype", "out_dtype"]);
        bool listed = YamlFields.Get(map, "method") is YamlSequenceNode;
        var names = listed ? f.Strings(map, "method", "merge") : (f.String(map, "method", "merge", required: true) is { } one ? [one] : []);
        var methods = listed ? ReadChoices(f, names) : ReadSingle(f, names);

        var parameters = new Dictionary<string, double>();
        FisherDataSetting? fisher = null;
        if (f.Mapping(map, "parameters", "merge", required: false) is { } pmap)
        {
            fisher = ReadFisher(f, paths, pmap, methods);
            // A fixed global parameter is handed to the methods that take it; with a method list, at least one must.
            var takers = methods?.Select(MergeMethodRegistry.Get).ToList();
            string methodText = methods is null ? "" : string.Join(", ", methods.Select(m => $"'{m}'"));
            foreach (var (keyNode, valueNode) in pmap.Children)
            {
                string key = ((YamlScalarNode)keyNode).Value ?? "";
                if (FisherDataSetting.Keys.Contains(key)) continue;
                string field = $"merge.parameters.{key}";
                double? value = valueNode is YamlScalarNode { Value: "true" or "false" } b ? (b.Value == "true" ? 1 : 0) : f.Number(valueNode, field);
                if (value is null) continue;
                var specs = takers?.SelectMany(m => m.GlobalParameters.Where(p => p.Name == key)).ToList();
                if (takers is not null && specs!.Count == 0)
                    f.Problems.Add($"{field}: not a global parameter of {methodText}; valid: {string.Join(", ", takers.SelectMany(m => m.GlobalParameters.Select(p => p.Name)).Distinct())} (per-model parameters are searched through genome.search).");
                else
                    foreach (var problem in specs?.Select(spec => spec.Check(value.Value)).OfType<string>().Distinct() ?? [])
                        f.Problems.Add($"{field}: {problem}.");
                parameters[key] = value.Value;
            }
        }
        string? dtype = f.String(map, "dtype", "merge");
        string? outDType = f.String(map, "out_dtype", "merge");
        foreach (var (field, value) in new[] { ("merge.dtype", dtype), ("merge.out_dtype", outDType) })
            if (value is not null && !Merging.Planning.DTypeNames.TryParse(value, out _))
                f.Problems.Add($"{field}: unknown dtype '{value}'; valid: {string.Join(", ", Merging.Planning.DTypeNames.Valid)}.");
        return methods is null ? null : new MergeSpec(methods[0], parameters, dtype, outDType) { MethodChoices = listed ? methods : null, FisherData = fisher };
    }

    /// <summary>
    /// fisher_data (a file, resolved like task data), fisher_examples, fisher_kind and fisher_template: read only by a
    /// method weighted by Fisher information, so they are refused when no listed method is one.
    /// </summary>
    static FisherDataSetting? ReadFisher(YamlFields f, PathResolver paths, YamlMappingNode pmap, IReadOnlyList<string>? methods)
    {
        var given = FisherDataSetting.Keys.Where(k => YamlFields.Get(pmap, k) is not null).ToList();
        if (given.Count == 0) return null;
        if (methods is not null && !methods.Any(UsesFisher))
        {
            f.Problems.Add($"merge.parameters.{given[0]}: read by merge method fisher only (it weights each model by its Fisher information), " +
                $"and merge.method is {string.Join(", ", methods)}; remove the fisher_* fields or add fisher to the methods.");
            return null;
        }
        return new FisherDataSetting
        {
            Data = paths.ExistingFile(f.String(pmap, "fisher_data", "merge.parameters"), "merge.parameters.fisher_data"),
            Examples = f.Integer(pmap, "fisher_examples", "merge.parameters", min: 1) is long n ? (int)Math.Min(n, int.MaxValue) : null,
            Kind = f.String(pmap, "fisher_kind", "merge.parameters"),
            Template = f.String(pmap, "fisher_template", "merge.parameters"),
        };
    }

    /// <summary>Whether <paramref name="method"/> weights models by their Fisher information (fisher).</summary>
    public static bool UsesFisher(string method) =>
        MergeMethodRegistry.TryGet(method, out var m) && m is IUsesFisherInformation;

    static string ValidMethods() => string.Join(", ", MergeMethodRegistry.All.Select(m => m.Name).Where(SearchableParameters.IsSearchableMethod));

    /// <summary><c>method: ties</c>: a method the search can vary something of.</summary>
    static List<string>? ReadSingle(YamlFields f, IReadOnlyList<string> names)
    {
        if (names.Count == 0) return null;
        string method = names[0];
        if (!MergeMethodRegistry.TryGet(method, out var registered))
            f.Problems.Add($"merge.method: unknown method '{method}'; valid: {ValidMethods()}.");
        else if (SearchableParameters.WhyMethodCannotBeSearched(registered) is { } reason)
            f.Problems.Add($"merge.method: '{method}' {reason}.");
        else return [method];
        return null;
    }

    /// <summary>
    /// <c>method: [ties, slerp]</c>: the method is a categorical gene. A listed method needs nothing searchable of its
    /// own (choosing it is the search), but passthrough stacks layers instead of mixing them, so it cannot be a choice.
    /// </summary>
    static List<string>? ReadChoices(YamlFields f, IReadOnlyList<string> names)
    {
        int before = f.Problems.Count;
        for (int i = 0; i < names.Count; i++)
        {
            if (!MergeMethodRegistry.TryGet(names[i], out var registered))
                f.Problems.Add($"merge.method[{i}]: unknown method '{names[i]}'; valid: {ValidMethods()}.");
            else if (registered.Name == "passthrough")
                f.Problems.Add($"merge.method[{i}]: 'passthrough' {SearchableParameters.WhyMethodCannotBeSearched(registered)}.");
        }
        foreach (var dup in names.GroupBy(n => n).Where(g => g.Count() > 1))
            f.Problems.Add($"merge.method: '{dup.Key}' is listed twice.");
        if (names.Count == 1)
            f.Problems.Add($"merge.method: a list makes the method a gene, so it needs at least two methods; write `method: {names[0]}` for one.");
        else if (names.Count == 0 && f.Problems.Count == before)
            f.Problems.Add("merge.method: the list is empty; name the methods the search chooses from (e.g. [ties, slerp]).");
        return f.Problems.Count == before ? names.ToList() : null;
    }

    /// <summary>Base model presence and model counts each method a candidate may use demands; the Fisher information fisher needs.</summary>
    public static void CheckModels(MergeSpec merge, ModelsSpec models, List<string> problems)
    {
        CheckFisher(merge, models, problems);
        for (int i = 0; i < merge.Methods.Count; i++)
        {
            string name = merge.Methods[i];
            var method = MergeMethodRegistry.Get(name);
            // With a method list, each problem says the method cannot be one of the choices with these models.
            string field = merge.SearchesMethod ? $"merge.method[{i}]" : "models";
            string choice = merge.SearchesMethod ? $"; drop it from the list or change the models" : "";
            if (method.BaseModel == BaseModelUse.Required && models.Base is null)
                problems.Add(merge.SearchesMethod ? $"{field}: method '{name}' needs models.base{choice}." : $"models.base: method '{name}' needs a base model.");
            int listed = models.Experts.Count + (models.Base is not null && method.BaseModel != BaseModelUse.NotUsed ? 1 : 0);
            if (method.RequiredModelCount is int required && listed != required)
                problems.Add($"{field}: method '{name}' takes exactly {required} models (the base counts), got {listed}{choice}.");
        }
    }

    /// <summary>
    /// fisher needs each merged model's Fisher information: its own <c>fisher/</c> folder, or task data to estimate
    /// it from (once, when the run starts). Without either the config is refused here, before any weight is read.
    /// </summary>
    static void CheckFisher(MergeSpec merge, ModelsSpec models, List<string> problems)
    {
        if (!merge.Methods.Any(UsesFisher) || merge.FisherData?.Data is not null) return;
        var merged = models.Experts.Select(e => e.Path);
        var without = merged.Where(path => !Directory.Exists(Merging.Methods.Papers.FisherFiles.Folder(path))).ToList();
        if (without.Count == 0) return;
        problems.Add("merge.parameters.fisher_data: required with merge method fisher, which weights each model by its diagonal Fisher information: " +
            $"name the task data to estimate it from (e.g. merge: {{parameters: {{fisher_data: fit.csv}}}}; the run estimates it once, when it starts), " +
            $"or write the models' fisher/ folders first with `./run.sh fisher MODEL --data FILE` ({string.Join(", ", without)} has none).");
    }
}
