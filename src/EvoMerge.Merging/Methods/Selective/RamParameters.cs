namespace EvoMerge.Merging.Methods.Selective;

/// <summary>The global parameters of ram and ramplus_tl, with mergekit's defaults.</summary>
internal static class RamParameters
{
    public static ParameterSpec Epsilon() =>
        new("epsilon", ParameterKind.Number, Required: false, Default: 1e-5,
            "a finite number >= 0 (changes of at most epsilon count as no change)", v => double.IsFinite(v) && v >= 0);

    public static ParameterSpec BoostRate() =>
        new("r", ParameterKind.Number, Required: false, Default: 0.1, "a finite number >= 0", v => double.IsFinite(v) && v >= 0);

    public static ParameterSpec BoostCap() =>
        new("alpha", ParameterKind.Number, Required: false, Default: 0.2, "a finite number >= 0", v => double.IsFinite(v) && v >= 0);
}
