using System.Text.Json;
using EvoMerge.SafeTensors.Errors;

namespace EvoMerge.SafeTensors.Reading;

/// <summary>Reads the non-negative integers of a header (shape dimensions, data offsets).</summary>
internal static class JsonIntegers
{
    /// <summary>
    /// The value as a non-negative <see cref="long"/>. Throws invalid-json for anything that is not a
    /// non-negative integer, size-overflow for an integer past <see cref="long.MaxValue"/>.
    /// </summary>
    public static long ReadNonNegative(JsonElement element, string path, string what)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            if (element.TryGetInt64(out var value))
            {
                if (value >= 0)
                {
                    return value;
                }
            }
            else if (IsDigitsOnly(element.GetRawText()))
            {
                throw new SafeTensorsFormatException(path, FormatRules.SizeOverflow,
                    $"{what} is {element.GetRawText()}, beyond the largest supported size {long.MaxValue}.");
            }
        }

        throw new SafeTensorsFormatException(path, FormatRules.InvalidJson,
            $"{what} must be a non-negative integer, found {Describe(element)}.");
    }

    public static string Describe(JsonElement element)
    {
        var raw = element.GetRawText();
        return raw.Length <= 40 ? raw : raw[..40] + "...";
    }

    private static bool IsDigitsOnly(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}
