using System.Globalization;
using System.Text;

namespace EvoMerge.Merging.Config;

/// <summary>
/// Writes a <see cref="MergeConfig"/> as mergekit YAML: the resolved config a merge records next to
/// its output, and the recipes a search exports. Numbers are written round-trip exact.
/// </summary>
public static class MergeConfigWriter
{
    public static string ToYaml(MergeConfig config, string? relativeTo = null)
    {
        var sb = new StringBuilder();
        string P(string path) => relativeTo == null ? Quote(path) : Quote(Path.GetRelativePath(relativeTo, path));

        sb.Append("merge_method: ").Append(config.MergeMethod).Append('\n');
        if (config.BaseModel != null) sb.Append("base_model: ").Append(P(config.BaseModel)).Append('\n');
        if (config.DType != null) sb.Append("dtype: ").Append(config.DType).Append('\n');
        if (config.OutDType != null) sb.Append("out_dtype: ").Append(config.OutDType).Append('\n');
        if (config.TokenizerSource != null)
            sb.Append("tokenizer_source: ").Append(config.TokenizerSource == "base" ? "base" : P(config.TokenizerSource)).Append('\n');
        if (config.RandomSeed != null) sb.Append("random_seed: ").Append(config.RandomSeed.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        WriteParameters(sb, config.Parameters, "", P);

        if (config.Models != null)
        {
            sb.Append("models:\n");
            foreach (var m in config.Models)
            {
                sb.Append("  - model: ").Append(P(m.Model)).Append('\n');
                WriteParameters(sb, m.Parameters, "    ", P);
            }
        }
        if (config.Slices != null)
        {
            sb.Append("slices:\n");
            foreach (var s in config.Slices)
            {
                sb.Append("  - sources:\n");
                foreach (var src in s.Sources)
                {
                    sb.Append("      - model: ").Append(P(src.Model)).Append('\n');
                    sb.Append("        layer_range: [").Append(src.Start.ToString(CultureInfo.InvariantCulture)).Append(", ")
                      .Append(src.End.ToString(CultureInfo.InvariantCulture)).Append("]\n");
                    WriteParameters(sb, src.Parameters, "        ", P);
                }
                if (s.MergeMethod != null) sb.Append("    merge_method: ").Append(s.MergeMethod).Append('\n');
                WriteParameters(sb, s.Parameters, "    ", P);
            }
        }
        return sb.ToString();
    }

    static void WriteParameters(StringBuilder sb, ParameterSet set, string indent, Func<string, string> path)
    {
        if (set.Values.Count == 0 && set.FisherData is null) return;
        sb.Append(indent).Append("parameters:\n");
        if (set.FisherData is { } fisher)
        {
            if (fisher.Data != null) sb.Append(indent).Append("  fisher_data: ").Append(path(fisher.Data)).Append('\n');
            if (fisher.Examples is int examples) sb.Append(indent).Append("  fisher_examples: ").Append(examples.ToString(CultureInfo.InvariantCulture)).Append('\n');
            if (fisher.Kind != null) sb.Append(indent).Append("  fisher_kind: ").Append(Quote(fisher.Kind)).Append('\n');
            if (fisher.Template != null) sb.Append(indent).Append("  fisher_template: ").Append(System.Text.Json.JsonSerializer.Serialize(fisher.Template)).Append('\n');
        }
        foreach (var (name, setting) in set.Values)
        {
            sb.Append(indent).Append("  ").Append(name).Append(':');
            switch (setting)
            {
                case ParameterSetting.Filtered f:
                    sb.Append('\n');
                    foreach (var e in f.Entries)
                    {
                        sb.Append(indent).Append("    - ");
                        if (e.Filter != null) sb.Append("filter: ").Append(Quote(e.Filter)).Append('\n').Append(indent).Append("      ");
                        sb.Append("value: ").Append(Inline(e.Value)).Append('\n');
                    }
                    break;
                default:
                    sb.Append(' ').Append(Inline(setting)).Append('\n');
                    break;
            }
        }
    }

    static string Inline(ParameterSetting setting) => setting switch
    {
        ParameterSetting.Scalar s => Number(s.Value),
        ParameterSetting.Gradient g => "[" + string.Join(", ", g.Values.Select(Number)) + "]",
        _ => throw new ArgumentException("Filtered settings cannot be written inline."),
    };

    static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    static string Quote(string text) =>
        text.Length > 0 && text.All(c => char.IsLetterOrDigit(c) || c is '/' or '.' or '_' or '-')
            ? text
            : "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
