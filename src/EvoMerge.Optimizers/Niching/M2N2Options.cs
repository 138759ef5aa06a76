using System.Text.Json.Nodes;

namespace EvoMerge.Optimizers.Niching;

/// <summary>
/// Settings of <see cref="M2N2"/>. The toggles exist for the paper's ablations; the defaults are the
/// full method (competition with alpha 1, attraction, split-point SLERP crossover, mutation 0.01).
/// </summary>
public sealed record M2N2Options
{
    /// <summary>Archive slots K.</summary>
    public int ArchiveSize { get; init; } = 20;

    /// <summary>Competition exponent: f_k = sum_j S_kj / z_j^alpha. 0 turns competition off (a plain GA).</summary>
    public double Alpha { get; init; } = 1.0;

    /// <summary>Without crossover the child is a (mutated) copy of parent A.</summary>
    public bool UseCrossover { get; init; } = true;

    /// <summary>Without attraction parent B is drawn fitness-proportionally, like parent A.</summary>
    public bool UseAttraction { get; init; } = true;

    /// <summary>Without a split point one mixing ratio w applies to every coordinate.</summary>
    public bool UseSplitPoint { get; init; } = true;

    /// <summary>Standard deviation of the Gaussian mutation added to each coordinate; 0 disables it.</summary>
    public double MutationSigma { get; init; } = 0.01;

    /// <summary>Children per <see cref="M2N2.Ask"/>; 1 is the steady-state loop of the reference.</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>
    /// Where the split point may fall: the first coordinate of each segment (e.g. layer boundaries),
    /// starting with 0 and strictly increasing. Null: any coordinate.
    /// </summary>
    public int[]? SegmentStarts { get; init; }

    /// <summary>Stop after this many told trials (seeds, children and failures alike); null: never stop.</summary>
    public long? MaxEvaluations { get; init; }

    /// <summary>The "GA" of the paper's figure: the same loop with alpha 0 and both parents fitness-proportional.</summary>
    public static M2N2Options GeneticAlgorithm => new() { Alpha = 0, UseAttraction = false };

    /// <summary>Throws with a message naming the first invalid setting.</summary>
    public void Validate(int dimension)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "M2N2 needs at least one gene.");
        if (ArchiveSize < 2) throw new ArgumentException($"ArchiveSize must be at least 2 (got {ArchiveSize}).");
        if (!(Alpha >= 0) || double.IsInfinity(Alpha)) throw new ArgumentException($"Alpha must be a finite number >= 0 (got {Alpha}).");
        if (!(MutationSigma >= 0) || double.IsInfinity(MutationSigma))
            throw new ArgumentException($"MutationSigma must be a finite number >= 0 (got {MutationSigma}).");
        if (BatchSize < 1) throw new ArgumentException($"BatchSize must be at least 1 (got {BatchSize}).");
        if (MaxEvaluations is < 1) throw new ArgumentException($"MaxEvaluations must be positive when given (got {MaxEvaluations}).");
        if (SegmentStarts is { } starts)
        {
            if (starts.Length == 0 || starts[0] != 0)
                throw new ArgumentException("SegmentStarts must begin with coordinate 0.");
            for (int i = 1; i < starts.Length; i++)
                if (starts[i] <= starts[i - 1])
                    throw new ArgumentException($"SegmentStarts must increase strictly (entry {i}: {starts[i]} after {starts[i - 1]}).");
            if (starts[^1] >= dimension)
                throw new ArgumentException($"SegmentStarts entry {starts[^1]} is outside the {dimension} genes.");
        }
    }

    public JsonObject ToJson() => new()
    {
        ["archive_size"] = ArchiveSize,
        ["alpha"] = Alpha,
        ["use_crossover"] = UseCrossover,
        ["use_attraction"] = UseAttraction,
        ["use_split_point"] = UseSplitPoint,
        ["mutation_sigma"] = MutationSigma,
        ["batch_size"] = BatchSize,
        ["segment_starts"] = SegmentStarts is null ? null : new JsonArray(SegmentStarts.Select(s => (JsonNode?)s).ToArray()),
        ["max_evaluations"] = MaxEvaluations,
    };

    public static M2N2Options FromJson(JsonObject json) => new()
    {
        ArchiveSize = json["archive_size"]!.GetValue<int>(),
        Alpha = json["alpha"]!.GetValue<double>(),
        UseCrossover = json["use_crossover"]!.GetValue<bool>(),
        UseAttraction = json["use_attraction"]!.GetValue<bool>(),
        UseSplitPoint = json["use_split_point"]!.GetValue<bool>(),
        MutationSigma = json["mutation_sigma"]!.GetValue<double>(),
        BatchSize = json["batch_size"]!.GetValue<int>(),
        SegmentStarts = json["segment_starts"] is JsonArray a ? a.Select(n => n!.GetValue<int>()).ToArray() : null,
        MaxEvaluations = json["max_evaluations"]?.GetValue<long>(),
    };
}
