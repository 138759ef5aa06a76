using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Config;

/// <summary>
/// The fields of a <c>language</c> task: <c>kind</c> (multiple_choice, generation, perplexity), <c>template</c>,
/// <c>few_shot</c>, <c>few_shot_data</c>, <c>extraction</c> (last_number, first_line, full), <c>normalization</c>
/// (none, per_token, per_character), <c>max_new_tokens</c>, <c>stop</c>, <c>limit</c>, <c>batch_size</c>,
/// <c>tokenizer</c>, <c>dtype</c> (float32, bfloat16; default: the checkpoint's own, see <see cref="CheckpointDType"/>). Metrics per kind: accuracy (multiple choice),
/// exact_match (generation), neg_nll or neg_perplexity (perplexity).
/// </summary>
internal static class LanguageTaskSection
{
    public static readonly string[] Fields =
        ["kind", "template", "few_shot", "few_shot_data", "extraction", "normalization", "max_new_tokens", "stop", "limit", "batch_size", "tokenizer", "dtype"];

    static readonly Dictionary<string, string[]> MetricsByKind = new()
    {
        ["multiple_choice"] = ["accuracy"],
        ["generation"] = ["exact_match"],
        ["perplexity"] = ["neg_nll", "neg_perplexity"],
    };

    public static LanguageTaskSpec? Read(YamlFields f, PathResolver paths, YamlMappingNode map, string field, IReadOnlyList<string> metrics,
                                        Func<string> defaultDType)
    {
        string? kind = f.String(map, "kind", field, required: true);
        if (kind is not null && !MetricsByKind.ContainsKey(kind))
        {
            f.Problems.Add($"{field}.kind: unknown kind '{kind}'; valid: {string.Join(", ", MetricsByKind.Keys)}.");
            kind = null;
        }
        foreach (var metric in metrics.Where(m => kind is not null && !MetricsByKind[kind].Contains(m)))
            f.Problems.Add($"{field}.metric: a {kind} task gives {string.Join(" or ", MetricsByKind[kind!])}, not '{metric}'.");
        string extraction = Choice(f, map, "extraction", field, "last_number", [.. LanguageChoices.Extractions.Keys]);
        string normalization = Choice(f, map, "normalization", field, "none", [.. LanguageChoices.Normalizations.Keys]);
        string dtype = YamlFields.Get(map, "dtype") is null ? defaultDType() : Choice(f, map, "dtype", field, "float32", ["float32", "bfloat16"]);
        string template = f.String(map, "template", field) ?? "{prompt}";
        if (!template.Contains("{prompt}") && !template.Contains("{question}"))
            f.Problems.Add($"{field}.template: must contain {{prompt}} or {{question}}, where each example's prompt goes.");
        var spec = new LanguageTaskSpec
        {
            Kind = kind ?? "generation",
            Template = template,
            FewShot = (int)(f.Integer(map, "few_shot", field, 0) ?? 0),
            FewShotData = paths.ExistingFile(f.String(map, "few_shot_data", field), $"{field}.few_shot_data"),
            Extraction = extraction,
            Normalization = normalization,
            MaxNewTokens = (int)(f.Integer(map, "max_new_tokens", field, 1) ?? 64),
            StopStrings = f.Strings(map, "stop", field),
            Limit = (int?)f.Integer(map, "limit", field, 1),
            BatchSize = (int)(f.Integer(map, "batch_size", field, 1) ?? 8),
            Tokenizer = paths.ExistingModel(f.String(map, "tokenizer", field), $"{field}.tokenizer", out _),
            DType = dtype,
        };
        return kind is null ? null : spec;
    }

    static string Choice(YamlFields f, YamlMappingNode map, string key, string field, string fallback, string[] valid)
    {
        string? value = f.String(map, key, field);
        if (value is null) return fallback;
        if (valid.Contains(value)) return value;
        f.Problems.Add($"{field}.{key}: '{value}' is not one of {string.Join(", ", valid)}.");
        return fallback;
    }
}
