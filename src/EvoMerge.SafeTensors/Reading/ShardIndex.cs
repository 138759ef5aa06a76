using System.Text.Json;
using EvoMerge.SafeTensors.Errors;

namespace EvoMerge.SafeTensors.Reading;

/// <summary>The <c>weight_map</c> of a sharded checkpoint's index file: tensor name to shard file name, in file order.</summary>
internal sealed record ShardIndex(string IndexPath, IReadOnlyList<KeyValuePair<string, string>> WeightMap)
{
    /// <summary>Shard file names in order of first mention.</summary>
    public IReadOnlyList<string> ShardNames => WeightMap.Select(entry => entry.Value).Distinct(StringComparer.Ordinal).ToList();

    public static ShardIndex Read(string indexPath)
    {
        RegularFiles.Require(indexPath);
        byte[] bytes = File.ReadAllBytes(indexPath);
        using var document = ParseJson(indexPath, bytes);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("weight_map", out var weightMap))
        {
            throw Invalid(indexPath, "the index has no \"weight_map\" object.");
        }

        if (weightMap.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(indexPath, $"\"weight_map\" must map tensor names to shard file names, found a {weightMap.ValueKind}.");
        }

        var entries = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in weightMap.EnumerateObject())
        {
            if (!seen.Add(item.Name))
            {
                throw Invalid(indexPath, $"\"weight_map\" lists tensor '{item.Name}' twice.");
            }

            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw Invalid(indexPath, $"\"weight_map\"['{item.Name}'] must be a shard file name, found {JsonIntegers.Describe(item.Value)}.");
            }

            var shard = item.Value.GetString()!;
            if (!IsPlainFileName(shard))
            {
                throw Invalid(indexPath, $"\"weight_map\"['{item.Name}'] is '{shard}'; a shard must be a file name in the index's folder.");
            }

            entries.Add(new(item.Name, shard));
        }

        return new ShardIndex(indexPath, entries);
    }

    private static bool IsPlainFileName(string name) =>
        name.Length > 0 && name != "." && name != ".." && name.IndexOfAny(['/', '\\', '\0']) < 0;

    private static JsonDocument ParseJson(string indexPath, byte[] bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new SafeTensorsFormatException(indexPath, FormatRules.InvalidIndex,
                $"the index is not valid JSON ({e.Message}).", inner: e);
        }
    }

    private static SafeTensorsFormatException Invalid(string indexPath, string details) =>
        new(indexPath, FormatRules.InvalidIndex, details);
}
