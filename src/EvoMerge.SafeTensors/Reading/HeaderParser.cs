using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Unicode;
using EvoMerge.SafeTensors.Errors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.SafeTensors.Reading;

/// <summary>Parses header JSON bytes into tensor entries (header order) and the <c>__metadata__</c> map.</summary>
internal static class HeaderParser
{
    public const string MetadataKey = "__metadata__";

    public static (IReadOnlyList<TensorInfo> Entries, IReadOnlyDictionary<string, string> Metadata) Parse(
        string path, byte[] headerBytes)
    {
        if (!Utf8.IsValid(headerBytes))
        {
            throw new SafeTensorsFormatException(path, FormatRules.HeaderNotUtf8,
                $"the {headerBytes.Length}-byte header is not valid UTF-8.", "The file is corrupt or not a safetensors file.");
        }

        using var document = ParseJson(path, headerBytes);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsFormatException(path, FormatRules.InvalidJson,
                $"the header must be a JSON object, found a {root.ValueKind}.");
        }

        var entries = new List<TensorInfo>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyDictionary<string, string>? metadata = null;
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                var rule = property.Name == MetadataKey ? FormatRules.InvalidJson : FormatRules.DuplicateTensor;
                throw new SafeTensorsFormatException(path, rule, $"the header lists '{property.Name}' twice.");
            }

            if (property.Name == MetadataKey)
            {
                metadata = ParseMetadata(path, property.Value);
            }
            else
            {
                entries.Add(TensorEntryParser.Parse(path, property.Name, property.Value));
            }
        }

        return (entries, metadata ?? ReadOnlyDictionary<string, string>.Empty);
    }

    private static JsonDocument ParseJson(string path, byte[] headerBytes)
    {
        try
        {
            return JsonDocument.Parse(headerBytes, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new SafeTensorsFormatException(path, FormatRules.InvalidJson,
                $"the header is not valid JSON ({e.Message}).", "The file is corrupt or not a safetensors file.", e);
        }
    }

    private static IReadOnlyDictionary<string, string> ParseMetadata(string path, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsFormatException(path, FormatRules.InvalidJson,
                $"{MetadataKey} must be an object of strings, found {JsonIntegers.Describe(value)}.");
        }

        var metadata = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw new SafeTensorsFormatException(path, FormatRules.InvalidJson,
                    $"{MetadataKey}['{item.Name}'] must be a string, found {JsonIntegers.Describe(item.Value)}.");
            }

            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
            {
                throw new SafeTensorsFormatException(path, FormatRules.InvalidJson,
                    $"{MetadataKey} lists '{item.Name}' twice.");
            }
        }

        return new ReadOnlyDictionary<string, string>(metadata);
    }
}
