using System.Globalization;

namespace EvoMerge.Merging.Methods;

/// <summary>
/// Declares one parameter of a merge method: its name as written in mergekit YAML, whether it must be
/// given or which default applies, and which values are valid (with a human description of the range).
/// Booleans are carried as 0 and 1. A parameter that is neither required nor defaulted is optional:
/// absent means "not used" (e.g. passthrough's <c>scale</c>).
/// </summary>
public sealed record ParameterSpec(string Name, ParameterKind Kind, bool Required, double? Default, string ValidRange, Func<double, bool> IsValid)
{
    public string Name { get; } = string.IsNullOrWhiteSpace(Name)
        ? throw new ArgumentException("A parameter needs a name.", nameof(Name)) : Name;

    public string ValidRange { get; } = string.IsNullOrWhiteSpace(ValidRange)
        ? throw new ArgumentException($"Parameter '{Name}' needs a description of its valid range.", nameof(ValidRange)) : ValidRange;

    public Func<double, bool> IsValid { get; } = IsValid ?? throw new ArgumentNullException(nameof(IsValid));

    public double? Default { get; } = CheckDefault(Name, Required, Default, IsValid);

    /// <summary>Null when <paramref name="value"/> is valid, else a message naming the parameter and its range.</summary>
    public string? Check(double value) =>
        IsValid(value) ? null : $"parameter '{Name}' = {Format(value)} is out of range; valid: {ValidRange}";

    string Format(double value) => Kind == ParameterKind.Boolean && value is 0 or 1
        ? (value == 1 ? "true" : "false")
        : value.ToString("R", CultureInfo.InvariantCulture);

    static double? CheckDefault(string name, bool required, double? value, Func<double, bool> isValid)
    {
        if (required && value is not null)
            throw new ArgumentException($"Parameter '{name}' cannot be both required and defaulted.", nameof(Default));
        if (value is double v && isValid is not null && !isValid(v))
            throw new ArgumentException($"Parameter '{name}' has a default ({v}) outside its own valid range.", nameof(Default));
        return value;
    }
}
