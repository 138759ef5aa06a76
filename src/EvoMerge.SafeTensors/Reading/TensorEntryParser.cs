using System.Text.Json;
using EvoMerge.SafeTensors.Errors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.SafeTensors.Reading;

/// <summary>Parses and checks one tensor entry of a header: dtype, shape, data_offsets and their sizes.</summary>
internal static class TensorEntryParser
{
    public static TensorInfo Parse(string path, string name, JsonElement entry)
    {
        var where = $"tensor '{name}'";
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, $"{where} must be an object with dtype, shape and data_offsets, found {JsonIntegers.Describe(entry)}.");
        }

        var dtype = ParseDType(path, where, Required(path, where, entry, "dtype"));
        var shape = ParseShape(path, where, Required(path, where, entry, "shape"));
        var (begin, end) = ParseOffsets(path, where, Required(path, where, entry, "data_offsets"));

        long expected;
        try
        {
            expected = ShapeMath.ByteLength(dtype, shape);
        }
        catch (OverflowException)
        {
            throw new SafeTensorsFormatException(path, FormatRules.SizeOverflow,
                $"{where}: {dtype} {ShapeMath.Format(shape)} has more bytes than {long.MaxValue}.");
        }

        if (end - begin != expected)
        {
            throw new SafeTensorsFormatException(path, FormatRules.SizeMismatch,
                $"{where}: {dtype} {ShapeMath.Format(shape)} needs {expected} bytes, " +
                $"but data_offsets [{begin}, {end}] span {end - begin}.");
        }

        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static JsonElement Required(string path, string where, JsonElement entry, string property) =>
        entry.TryGetProperty(property, out var value)
            ? value
            : throw Invalid(path, $"{where} has no '{property}'.");

    private static SafeTensorDType ParseDType(string path, string where, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Invalid(path, $"{where}: dtype must be a string, found {JsonIntegers.Describe(value)}.");
        }

        var text = value.GetString()!;
        if (!SafeTensorDTypes.TryParse(text, out var dtype))
        {
            var known = string.Join(", ", SafeTensorDTypes.All.Select(SafeTensorDTypes.ToHeaderName));
            throw new SafeTensorsFormatException(path, FormatRules.UnknownDType,
                $"{where} has dtype '{text}', which EvoMerge does not know (known: {known}).");
        }

        return dtype;
    }

    private static long[] ParseShape(string path, string where, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(path, $"{where}: shape must be an array of non-negative integers, found {JsonIntegers.Describe(value)}.");
        }

        var shape = new long[value.GetArrayLength()];
        var i = 0;
        foreach (var dim in value.EnumerateArray())
        {
            shape[i] = JsonIntegers.ReadNonNegative(dim, path, $"{where}: shape[{i}]");
            i++;
        }

        return shape;
    }

    private static (long Begin, long End) ParseOffsets(string path, string where, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2)
        {
            throw Invalid(path, $"{where}: data_offsets must be [begin, end], found {JsonIntegers.Describe(value)}.");
        }

        var begin = JsonIntegers.ReadNonNegative(value[0], path, $"{where}: data_offsets begin");
        var end = JsonIntegers.ReadNonNegative(value[1], path, $"{where}: data_offsets end");
        if (begin > end)
        {
            throw Invalid(path, $"{where}: data_offsets begin {begin} is after end {end}.");
        }

        return (begin, end);
    }

    private static SafeTensorsFormatException Invalid(string path, string details) =>
        new(path, FormatRules.InvalidJson, details);
}
