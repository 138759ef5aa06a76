using System.Globalization;
using EvoMerge.Models.HuggingFace;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Merging.Config;

/// <summary>
/// Reads a mergekit YAML config into a <see cref="MergeConfig"/>, collecting every problem (with
/// the field's path) instead of stopping at the first. Model paths resolve like mergekit's:
/// relative to the given working directory; an <c>org/name</c> that is no local path is the model's
/// snapshot in the local Hugging Face cache (offline, as search configs do).
/// </summary>
public static class MergeConfigParser
{
    static readonly string[] TopLevelKeys =
        ["merge_method", "base_model", "models", "slices", "parameters", "dtype", "out_dtype",
         "tokenizer_source", "tokenizer", "random_seed", "chat_template", "name"];

    /// <param name="hubCache">Where <c>org/name</c> models are looked up; null: the cache the environment names ($HF_HUB_CACHE, $HF_HOME/hub, ...).</param>
    public static MergeConfig ParseFile(string path, string workingDirectory, HubCache? hubCache = null)
    {
        if (!File.Exists(path)) throw new MergeConfigException($"{path}: config file not found.");
        return Parse(File.ReadAllText(path), workingDirectory, path, hubCache);
    }

    /// <param name="hubCache">Where <c>org/name</c> models are looked up; null: the cache the environment names ($HF_HUB_CACHE, $HF_HOME/hub, ...).</param>
    public static MergeConfig Parse(string yaml, string workingDirectory, string sourceName = "config", HubCache? hubCache = null)
    {
        var problems = new List<string>();
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
                throw new MergeConfigException($"{sourceName}: expected a YAML mapping with at least 'merge_method'.");
            root = map;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // YamlDotNet's scanner throws InvalidOperationException (without a position) on an unclosed '[' or '{'.
            throw new MergeConfigException(YamlSyntaxErrors.Describe(yaml, sourceName, e));
        }

        var reader = new Reader(problems, workingDirectory, hubCache ?? HubCache.FromEnvironment());
        foreach (var key in root.Children.Keys.OfType<YamlScalarNode>())
            if (!TopLevelKeys.Contains(key.Value))
                problems.Add($"{key.Value}: unknown field; valid fields: {string.Join(", ", TopLevelKeys)}.");

        string? method = reader.String(root, "merge_method", "merge_method");
        if (method == null) problems.Add("merge_method: required (e.g. linear, ties, slerp).");

        string? baseModel = reader.ModelPath(root, "base_model", "base_model");
        var parameters = reader.Parameters(root, "parameters", "parameters");
        var models = reader.Models(root);
        var slices = reader.Slices(root);
        if (models == null && slices == null) problems.Add("models/slices: one of them is required.");
        if (models != null && slices != null) problems.Add("models/slices: give either models or slices, not both.");

        string? tokenizerSource = reader.String(root, "tokenizer_source", "tokenizer_source");
        if (root.Children.TryGetValue(new YamlScalarNode("tokenizer"), out var tokNode))
        {
            if (tokNode is YamlMappingNode tokMap && tokMap.Children.TryGetValue(new YamlScalarNode("source"), out var src) && src is YamlScalarNode s)
                tokenizerSource = s.Value;
            if (tokNode is YamlMappingNode tm && tm.Children.ContainsKey(new YamlScalarNode("tokens")))
                problems.Add("tokenizer.tokens: adding tokens is not supported yet; remove it or prepare the tokenizer beforehand.");
        }
        if (tokenizerSource == "union")
            problems.Add("tokenizer_source: 'union' (merging vocabularies) is not supported yet; use 'base' or a model path.");
        else if (tokenizerSource != null && tokenizerSource != "base")
            tokenizerSource = Path.GetFullPath(tokenizerSource, workingDirectory);

        long? seed = null;
        if (root.Children.TryGetValue(new YamlScalarNode("random_seed"), out var seedNode))
        {
            if (seedNode is YamlScalarNode sn && long.TryParse(sn.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) && v >= 0)
                seed = v;
            else problems.Add("random_seed: must be a non-negative integer.");
        }

        if (problems.Count > 0) throw new MergeConfigException(problems.Select(p => $"{sourceName}: {p}").ToList());
        return new MergeConfig
        {
            MergeMethod = method!,
            BaseModel = baseModel,
            Models = models,
            Slices = slices,
            Parameters = parameters,
            DType = reader.String(root, "dtype", "dtype"),
            OutDType = reader.String(root, "out_dtype", "out_dtype"),
            TokenizerSource = tokenizerSource,
            RandomSeed = seed,
        };
    }

    sealed class Reader(List<string> problems, string workingDirectory, HubCache hubCache)
    {
        public string? String(YamlMappingNode map, string key, string path)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node)) return null;
            if (node is YamlScalarNode { Value: { Length: > 0 } value }) return value;
            problems.Add($"{path}: expected a text value.");
            return null;
        }

        public string? ModelPath(YamlMappingNode map, string key, string path)
        {
            string? text = String(map, key, path);
            if (text == null) return null;
            if (text.Contains('+'))
                problems.Add($"{path}: '{text}': LoRA references (model+lora) are not supported; merge the adapter into the model first.");
            string full = Path.GetFullPath(text, workingDirectory);
            // A local folder or file wins over a cached model of the same name, as in search configs.
            if (Directory.Exists(full) || File.Exists(full) || !HubCache.IsModelId(text)) return full;
            try
            {
                return hubCache.Resolve(text);
            }
            catch (FileNotFoundException e)
            {
                problems.Add($"{path}: {e.Message}");
                return full;
            }
        }

        public IReadOnlyList<ModelEntry>? Models(YamlMappingNode root)
        {
            if (!root.Children.TryGetValue(new YamlScalarNode("models"), out var node)) return null;
            if (node is not YamlSequenceNode seq || seq.Children.Count == 0)
            {
                problems.Add("models: expected a non-empty list of {model, parameters} entries.");
                return null;
            }
            var result = new List<ModelEntry>();
            for (int i = 0; i < seq.Children.Count; i++)
            {
                string path = $"models[{i}]";
                if (seq.Children[i] is not YamlMappingNode entry) { problems.Add($"{path}: expected a mapping with 'model'."); continue; }
                CheckKeys(entry, path, "model", "parameters");
                string? model = ModelPath(entry, "model", path + ".model");
                if (model == null) { problems.Add($"{path}.model: required."); continue; }
                result.Add(new ModelEntry(model, Parameters(entry, "parameters", path + ".parameters")));
            }
            return result;
        }

        public IReadOnlyList<SliceEntry>? Slices(YamlMappingNode root)
        {
            if (!root.Children.TryGetValue(new YamlScalarNode("slices"), out var node)) return null;
            if (node is not YamlSequenceNode seq || seq.Children.Count == 0)
            {
                problems.Add("slices: expected a non-empty list of {sources: [...]} entries.");
                return null;
            }
            var result = new List<SliceEntry>();
            for (int i = 0; i < seq.Children.Count; i++)
            {
                string path = $"slices[{i}]";
                if (seq.Children[i] is not YamlMappingNode slice) { problems.Add($"{path}: expected a mapping with 'sources'."); continue; }
                CheckKeys(slice, path, "sources", "parameters", "merge_method", "base_model", "residual_weight");
                if (slice.Children.ContainsKey(new YamlScalarNode("base_model")) || slice.Children.ContainsKey(new YamlScalarNode("residual_weight")))
                    problems.Add($"{path}: per-slice base_model and residual_weight are not supported; set base_model at the top level.");
                var sources = new List<SliceSource>();
                if (!slice.Children.TryGetValue(new YamlScalarNode("sources"), out var srcNode) || srcNode is not YamlSequenceNode srcSeq || srcSeq.Children.Count == 0)
                {
                    problems.Add($"{path}.sources: expected a non-empty list of {{model, layer_range}} entries.");
                    continue;
                }
                for (int j = 0; j < srcSeq.Children.Count; j++)
                {
                    string sp = $"{path}.sources[{j}]";
                    if (srcSeq.Children[j] is not YamlMappingNode src) { problems.Add($"{sp}: expected a mapping."); continue; }
                    CheckKeys(src, sp, "model", "layer_range", "parameters");
                    string? model = ModelPath(src, "model", sp + ".model");
                    if (model == null) { problems.Add($"{sp}.model: required."); continue; }
                    var range = Numbers(src, "layer_range", sp + ".layer_range");
                    if (range == null || range.Count != 2 || range.Any(r => r != Math.Floor(r) || r < 0) || range[1] <= range[0])
                    {
                        problems.Add($"{sp}.layer_range: expected [start, end] with 0 <= start < end (end exclusive).");
                        continue;
                    }
                    sources.Add(new SliceSource(model, (int)range[0], (int)range[1], Parameters(src, "parameters", sp + ".parameters")));
                }
                result.Add(new SliceEntry(sources, Parameters(slice, "parameters", path + ".parameters"))
                {
                    MergeMethod = String(slice, "merge_method", path + ".merge_method"),
                });
            }
            return result;
        }

        public ParameterSet Parameters(YamlMappingNode map, string key, string path)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node) || node is YamlScalarNode { Value: null or "" or "null" or "~" })
                return ParameterSet.Empty;
            if (node is not YamlMappingNode pmap) { problems.Add($"{path}: expected a mapping of parameter names to values."); return ParameterSet.Empty; }
            var values = new Dictionary<string, ParameterSetting>();
            FisherDataSetting? fisher = null;
            foreach (var (k, v) in pmap.Children)
            {
                string name = ((YamlScalarNode)k).Value ?? "";
                if (name.StartsWith("fisher_", StringComparison.Ordinal))
                {
                    fisher = FisherField(fisher ?? new FisherDataSetting(), name, v, $"{path}.{name}");
                    continue;
                }
                var setting = Setting(v, $"{path}.{name}");
                if (setting != null) values[name] = setting;
            }
            return new ParameterSet(values) { FisherData = fisher };
        }

        /// <summary>One fisher_* field: a path, a count or a word, the same for every tensor (so not a per-tensor setting).</summary>
        FisherDataSetting FisherField(FisherDataSetting fisher, string name, YamlNode node, string path)
        {
            string? text = node is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;
            if (text == null)
            {
                problems.Add($"{path}: expected a single value (the same for every tensor).");
                return fisher;
            }
            switch (name)
            {
                case "fisher_data":
                    return fisher with { Data = Path.GetFullPath(text, workingDirectory) };
                case "fisher_examples":
                    if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) && count >= 1)
                        return fisher with { Examples = count };
                    problems.Add($"{path}: '{text}' is not a whole number >= 1.");
                    return fisher;
                case "fisher_kind":
                    return fisher with { Kind = text };
                case "fisher_template":
                    return fisher with { Template = text };
                default:
                    problems.Add($"{path}: unknown Fisher field; valid: {string.Join(", ", FisherDataSetting.Keys)}.");
                    return fisher;
            }
        }

        ParameterSetting? Setting(YamlNode node, string path)
        {
            switch (node)
            {
                case YamlScalarNode scalar:
                    double? number = Number(scalar);
                    if (number == null) { problems.Add($"{path}: '{scalar.Value}' is not a number or boolean."); return null; }
                    return new ParameterSetting.Scalar(number.Value);
                case YamlMappingNode conditional:
                    var single = FilterEntryOf(conditional, path);
                    return single == null ? null : new ParameterSetting.Filtered([single]);
                case YamlSequenceNode seq when seq.Children.All(c => c is YamlScalarNode):
                    var values = seq.Children.Select(c => Number((YamlScalarNode)c)).ToList();
                    if (values.Count == 0 || values.Any(v => v == null)) { problems.Add($"{path}: a gradient must be a non-empty list of numbers."); return null; }
                    return new ParameterSetting.Gradient(values.Select(v => v!.Value).ToList());
                case YamlSequenceNode seq when seq.Children.All(c => c is YamlMappingNode):
                    var entries = seq.Children.Select((c, i) => FilterEntryOf((YamlMappingNode)c, $"{path}[{i}]")).ToList();
                    return entries.Any(e => e == null) ? null : new ParameterSetting.Filtered(entries!);
                default:
                    problems.Add($"{path}: expected a number, a list of numbers (gradient) or a list of {{filter, value}} entries.");
                    return null;
            }
        }

        FilterEntry? FilterEntryOf(YamlMappingNode map, string path)
        {
            CheckKeys(map, path, "filter", "value");
            string? filter = map.Children.TryGetValue(new YamlScalarNode("filter"), out var f) ? (f as YamlScalarNode)?.Value : null;
            if (!map.Children.TryGetValue(new YamlScalarNode("value"), out var valueNode)) { problems.Add($"{path}.value: required."); return null; }
            if (valueNode is YamlMappingNode) { problems.Add($"{path}.value: filtered entries cannot nest."); return null; }
            var value = Setting(valueNode, path + ".value");
            return value == null ? null : new FilterEntry(filter, value);
        }

        List<double>? Numbers(YamlMappingNode map, string key, string path)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node)) return null;
            if (node is not YamlSequenceNode seq) return null;
            var list = seq.Children.Select(c => c is YamlScalarNode s ? Number(s) : null).ToList();
            return list.Any(v => v == null) ? null : list.Select(v => v!.Value).ToList();
        }

        static double? Number(YamlScalarNode scalar)
        {
            string text = scalar.Value ?? "";
            if (text is "true" or "True" or "TRUE") return 1;
            if (text is "false" or "False" or "FALSE") return 0;
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d) ? d : null;
        }

        void CheckKeys(YamlMappingNode map, string path, params string[] valid)
        {
            foreach (var k in map.Children.Keys.OfType<YamlScalarNode>())
                if (!valid.Contains(k.Value))
                    problems.Add($"{path}.{k.Value}: unknown field; valid fields: {string.Join(", ", valid)}.");
        }

        public string WorkingDirectory => workingDirectory;
    }
}
