using System.Globalization;
using System.Text.RegularExpressions;
using EvoMerge.SafeTensors.Errors;

namespace EvoMerge.SafeTensors.Reading;

/// <summary>
/// Without an index, Hugging Face style shards ("model-00002-of-00003.safetensors") must form complete sets,
/// so that an interrupted copy (or write: the index is renamed last) is not taken for a whole checkpoint.
/// </summary>
internal static partial class ShardSetCheck
{
    public static void RequireCompleteShardSets(string folder, IReadOnlyList<string> safetensorsNames)
    {
        var sets = safetensorsNames
            .Select(name => ShardName().Match(name))
            .Where(match => match.Success)
            .GroupBy(match => (Prefix: match.Groups["prefix"].Value, Count: Parse(match.Groups["count"].Value)));
        foreach (var set in sets)
        {
            var present = set.Select(match => Parse(match.Groups["number"].Value)).ToHashSet();
            var missing = Enumerable.Range(1, set.Key.Count).Where(n => !present.Contains(n)).ToList();
            if (missing.Count > 0 || present.Any(n => n < 1 || n > set.Key.Count))
            {
                var expected = missing.Count > 0
                    ? string.Join(", ", missing.Take(5).Select(n => $"{set.Key.Prefix}-{n:D5}-of-{set.Key.Count:D5}.safetensors"))
                    : "shard numbers within 1..count";
                throw new SafeTensorsFormatException(folder, FormatRules.MissingShard,
                    $"shards of '{set.Key.Prefix}' are incomplete and there is no index: missing {expected}.",
                    "The copy or write was interrupted: fetch or write the checkpoint again.");
            }
        }
    }

    private static int Parse(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<prefix>.+)-(?<number>\d{5})-of-(?<count>\d{5})\.safetensors$", RegexOptions.CultureInvariant)]
    private static partial Regex ShardName();
}
