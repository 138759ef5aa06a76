namespace EvoMerge.Merging.Methods.Parameters;

/// <summary>The parameter declarations shared by several methods, with mergekit's names and valid ranges.</summary>
public static class StandardParameters
{
    public static ParameterSpec Weight() =>
        new("weight", ParameterKind.Number, Required: true, Default: null, "any finite number", double.IsFinite);

    public static ParameterSpec Density() =>
        new("density", ParameterKind.Number, Required: false, Default: 1.0, "0 < density <= 1", v => v > 0 && v <= 1);

    public static ParameterSpec Gamma() =>
        new("gamma", ParameterKind.Number, Required: false, Default: 0.01, "0 <= gamma < 1", v => v >= 0 && v < 1);

    public static ParameterSpec Epsilon() =>
        new("epsilon", ParameterKind.Number, Required: false, Default: 0.15, "0 <= epsilon < 1", v => v >= 0 && v < 1);

    public static ParameterSpec Lambda() =>
        new("lambda", ParameterKind.Number, Required: false, Default: 1.0, "any finite number", double.IsFinite);

    public static ParameterSpec Interpolation() =>
        new("t", ParameterKind.Number, Required: true, Default: null, "0 <= t <= 1", v => v >= 0 && v <= 1);

    public static ParameterSpec Flag(string name, bool defaultValue) =>
        new(name, ParameterKind.Boolean, Required: false, Default: defaultValue ? 1 : 0, "true or false", v => v is 0 or 1);
}
