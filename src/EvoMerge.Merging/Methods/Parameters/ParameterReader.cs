using System.Globalization;

namespace EvoMerge.Merging.Methods.Parameters;

/// <summary>
/// Reads resolved parameter values for one tensor, falling back to the spec's default, and fails with a
/// message naming the tensor (and model) when a required value is missing or a value is out of range.
/// </summary>
public static class ParameterReader
{
    public static double Number(IReadOnlyDictionary<string, double> values, ParameterSpec spec, string where) =>
        Optional(values, spec, where) ?? throw new ArgumentException($"{where}: required parameter '{spec.Name}' is missing");

    public static bool Flag(IReadOnlyDictionary<string, double> values, ParameterSpec spec, string where) =>
        Number(values, spec, where) == 1;

    /// <summary>The value, the default, or null for an optional parameter without default.</summary>
    public static double? Optional(IReadOnlyDictionary<string, double> values, ParameterSpec spec, string where)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!values.TryGetValue(spec.Name, out var value))
            return spec.Default;
        if (spec.Check(value) is string problem)
            throw new ArgumentException($"{where}: {problem}");
        return value;
    }

    /// <summary>"tensor 'x'" or "tensor 'x', model 'm'", for messages.</summary>
    public static string Where(string tensorName, string? modelName = null) =>
        modelName is null
            ? string.Format(CultureInfo.InvariantCulture, "tensor '{0}'", tensorName)
            : string.Format(CultureInfo.InvariantCulture, "tensor '{0}', model '{1}'", tensorName, modelName);
}
