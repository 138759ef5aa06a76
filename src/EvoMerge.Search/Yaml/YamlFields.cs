using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Yaml;

/// <summary>
/// Typed access to YAML mapping fields that records a problem (with the field's dotted path) instead of
/// throwing, so a configuration reports every mistake at once.
/// </summary>
internal sealed class YamlFields(List<string> problems)
{
    public List<string> Problems { get; } = problems;

    public static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public void RejectUnknown(YamlMappingNode map, string path, IReadOnlyCollection<string> known)
    {
        foreach (var key in map.Children.Keys)
        {
            string name = (key as YamlScalarNode)?.Value ?? key.ToString();
            if (!known.Contains(name))
                Problems.Add($"{Join(path, name)}: unknown field; valid: {string.Join(", ", known)}.");
        }
    }

    public YamlMappingNode? Mapping(YamlMappingNode map, string key, string path, bool required)
    {
        var node = Get(map, key);
        if (node is null)
        {
            if (required) Problems.Add($"{Join(path, key)}: required.");
            return null;
        }
        if (node is YamlMappingNode m) return m;
        Problems.Add($"{Join(path, key)}: expected a mapping (key: value lines).");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlMappingNode map, string key, string path, bool required)
    {
        var node = Get(map, key);
        if (node is null)
        {
            if (required) Problems.Add($"{Join(path, key)}: required.");
            return null;
        }
        if (node is YamlSequenceNode s) return s;
        Problems.Add($"{Join(path, key)}: expected a list.");
        return null;
    }

    public string? String(YamlMappingNode map, string key, string path, bool required = false)
    {
        var node = Get(map, key);
        if (node is null)
        {
            if (required) Problems.Add($"{Join(path, key)}: required.");
            return null;
        }
        if (node is YamlScalarNode { Value: { Length: > 0 } value }) return value;
        Problems.Add($"{Join(path, key)}: expected a non-empty text value.");
        return null;
    }

    public double? Number(YamlMappingNode map, string key, string path) =>
        Get(map, key) is { } node ? Number(node, Join(path, key)) : null;

    public double? Number(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } text }
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
            return value;
        Problems.Add($"{path}: expected a finite number.");
        return null;
    }

    public long? Integer(YamlMappingNode map, string key, string path, long min)
    {
        var node = Get(map, key);
        if (node is null) return null;
        if (node is YamlScalarNode { Value: { } text }
            && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value >= min)
            return value;
        Problems.Add($"{Join(path, key)}: expected an integer of at least {min}.");
        return null;
    }

    public bool? Bool(YamlMappingNode map, string key, string path)
    {
        var node = Get(map, key);
        if (node is null) return null;
        if (node is YamlScalarNode { Value: { } text } && bool.TryParse(text, out bool value)) return value;
        Problems.Add($"{Join(path, key)}: expected true or false.");
        return null;
    }

    /// <summary>Durations like <c>90s</c>, <c>30m</c>, <c>8h</c>, <c>1.5h</c> or plain seconds.</summary>
    public TimeSpan? Duration(YamlMappingNode map, string key, string path)
    {
        var node = Get(map, key);
        if (node is null) return null;
        string text = (node as YamlScalarNode)?.Value?.Trim() ?? "";
        double factor = 1;
        if (text.Length > 0 && char.IsLetter(text[^1]))
        {
            factor = char.ToLowerInvariant(text[^1]) switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => double.NaN };
            text = text[..^1];
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double amount) && amount > 0 && double.IsFinite(amount * factor))
            return TimeSpan.FromSeconds(amount * factor);
        Problems.Add($"{Join(path, key)}: expected a positive duration such as 90s, 30m or 8h.");
        return null;
    }

    public IReadOnlyList<string> Strings(YamlMappingNode map, string key, string path)
    {
        var node = Get(map, key);
        if (node is null) return [];
        if (node is YamlScalarNode { Value: { Length: > 0 } single }) return [single];
        if (node is YamlSequenceNode seq)
        {
            var values = new List<string>();
            for (int i = 0; i < seq.Children.Count; i++)
            {
                if (seq.Children[i] is YamlScalarNode { Value: { Length: > 0 } v }) values.Add(v);
                else Problems.Add($"{Join(path, key)}[{i}]: expected a text value.");
            }
            return values;
        }
        Problems.Add($"{Join(path, key)}: expected a list of text values.");
        return [];
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
