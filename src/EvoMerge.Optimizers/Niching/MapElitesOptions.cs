using System.Text.Json.Nodes;

namespace EvoMerge.Optimizers.Niching;

/// <summary>
/// Settings of <see cref="MapElites"/>: a grid over behaviour descriptors, each the mean
/// per-example score over one group of examples (in the M2N2 paper: accuracy on odd and on even
/// digits, 10 bins each).
/// </summary>
public sealed record MapElitesOptions
{
    /// <summary>Example indices behind each descriptor; scores are expected in [0, 1].</summary>
    public required int[][] DescriptorGroups { get; init; }

    public int BinsPerDescriptor { get; init; } = 10;

    /// <summary>Standard deviation of the Gaussian mutation; 0 disables it.</summary>
    public double MutationSigma { get; init; } = 0.01;

    /// <summary>Children per ask; 1 is the steady-state loop of the reference.</summary>
    public int BatchSize { get; init; } = 1;

    public void Validate(int examples)
    {
        if (DescriptorGroups is null || DescriptorGroups.Length == 0) throw new ArgumentException("MAP-Elites needs at least one descriptor group.");
        for (int d = 0; d < DescriptorGroups.Length; d++)
        {
            if (DescriptorGroups[d] is null || DescriptorGroups[d].Length == 0) throw new ArgumentException($"Descriptor group {d} is empty.");
            foreach (int i in DescriptorGroups[d])
                if ((uint)i >= (uint)examples) throw new ArgumentException($"Descriptor group {d} names example {i}, outside the {examples} examples.");
        }
        if (BinsPerDescriptor < 1) throw new ArgumentException($"BinsPerDescriptor must be at least 1 (got {BinsPerDescriptor}).");
        if (Math.Pow(BinsPerDescriptor, DescriptorGroups.Length) > 1_000_000)
            throw new ArgumentException($"{BinsPerDescriptor}^{DescriptorGroups.Length} cells is too many for a dense grid.");
        if (!(MutationSigma >= 0) || double.IsInfinity(MutationSigma)) throw new ArgumentException($"MutationSigma must be finite and >= 0 (got {MutationSigma}).");
        if (BatchSize < 1) throw new ArgumentException($"BatchSize must be at least 1 (got {BatchSize}).");
    }

    public JsonObject ToJson() => new()
    {
        ["descriptor_groups"] = new JsonArray(DescriptorGroups.Select(g => (JsonNode?)new JsonArray(g.Select(i => (JsonNode?)i).ToArray())).ToArray()),
        ["bins_per_descriptor"] = BinsPerDescriptor,
        ["mutation_sigma"] = MutationSigma,
        ["batch_size"] = BatchSize,
    };

    public static MapElitesOptions FromJson(JsonObject json) => new()
    {
        DescriptorGroups = json["descriptor_groups"]!.AsArray().Select(g => g!.AsArray().Select(i => i!.GetValue<int>()).ToArray()).ToArray(),
        BinsPerDescriptor = json["bins_per_descriptor"]!.GetValue<int>(),
        MutationSigma = json["mutation_sigma"]!.GetValue<double>(),
        BatchSize = json["batch_size"]!.GetValue<int>(),
    };
}
