namespace EvoMerge.Merging.Config;

/// <summary>
/// A mergekit-compatible merge configuration. Exactly one of <see cref="Models"/> and
/// <see cref="Slices"/> is set. Model references are paths, already resolved to absolute ones.
/// </summary>
public sealed record MergeConfig
{
    public required string MergeMethod { get; init; }
    public string? BaseModel { get; init; }
    public IReadOnlyList<ModelEntry>? Models { get; init; }
    public IReadOnlyList<SliceEntry>? Slices { get; init; }
    public ParameterSet Parameters { get; init; } = ParameterSet.Empty;
    public string? DType { get; init; }
    public string? OutDType { get; init; }
    /// <summary>"base", or a model path; null means the base model, else the first model.</summary>
    public string? TokenizerSource { get; init; }
    public long? RandomSeed { get; init; }

    /// <summary>Every model the config names, base first, without duplicates, in order of appearance.</summary>
    public IReadOnlyList<string> ReferencedModels()
    {
        var seen = new List<string>();
        void Add(string? m) { if (m != null && !seen.Contains(m)) seen.Add(m); }
        Add(BaseModel);
        foreach (var m in Models ?? []) Add(m.Model);
        foreach (var s in Slices ?? []) foreach (var src in s.Sources) Add(src.Model);
        return seen;
    }
}

public sealed record ModelEntry(string Model, ParameterSet Parameters);

public sealed record SliceEntry(IReadOnlyList<SliceSource> Sources, ParameterSet Parameters)
{
    /// <summary>
    /// This slice's method when it differs from the config's <c>merge_method</c> (an EvoMerge extension: mergekit has
    /// one method per config); a search that picks a method per layer group writes it.
    /// </summary>
    public string? MergeMethod { get; init; }
}

/// <summary>Layers [Start, End) of one model.</summary>
public sealed record SliceSource(string Model, int Start, int End, ParameterSet Parameters)
{
    public int LayerCount => End - Start;
}

/// <summary>Named parameter settings at one precedence level (global, slice, model or slice source).</summary>
public sealed record ParameterSet(IReadOnlyDictionary<string, ParameterSetting> Values)
{
    public static readonly ParameterSet Empty = new(new Dictionary<string, ParameterSetting>());

    /// <summary>The <c>fisher_*</c> fields at this level (text and counts, not per-tensor settings); null when none.</summary>
    public FisherDataSetting? FisherData { get; init; }

    public double? Evaluate(string name, string tensorName, double t) =>
        Values.TryGetValue(name, out var setting) ? setting.Evaluate(tensorName, t) : null;
}
