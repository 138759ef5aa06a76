using System.Globalization;
using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Optimizers;

/// <summary>
/// Everything the search knows about one optimizer: its name, the <c>optimizer:</c> settings it accepts
/// (read with field paths, validated, written back canonically), its capabilities, and how to build it for
/// a run or restore it from a snapshot. Registered in <see cref="OptimizerRegistry"/>.
/// </summary>
public abstract class OptimizerDescriptor
{
    public const string Population = "population";
    public const string Sigma0 = "sigma0";
    public const string MutationSigma = "mutation_sigma";
    public const string Margin = "margin";

    /// <summary>
    /// Candidates asked at once by an optimizer that breeds from everything told so far (M2N2): how many it
    /// asks changes its results, so the batch is a setting of the experiment, never the number of workers.
    /// </summary>
    public const string BatchSize = "batch_size";

    public abstract string Name { get; }

    public abstract OptimizerCapabilities Capabilities { get; }

    /// <summary>The settings this optimizer takes besides <c>name</c>, in canonical order.</summary>
    public abstract IReadOnlyList<string> Settings { get; }

    /// <summary>What <c>population</c> means for this optimizer, for the memory check's and the docs' wording.</summary>
    public virtual string PopulationMeaning => "candidates per generation";

    public abstract IAskTellOptimizer Create(OptimizerSpec spec, OptimizerContext context);

    public abstract IAskTellOptimizer Restore(JsonObject state);

    /// <summary>How many candidates the optimizer asks at once when the config fixes it (<c>batch_size</c>); null when it asks whole generations.</summary>
    public int? FixedBatch(OptimizerSpec spec) => Settings.Contains(BatchSize) ? spec.BatchSize ?? 1 : null;

    /// <summary>Reads this optimizer's settings from <paramref name="map"/>; problems go to <paramref name="f"/>.</summary>
    internal OptimizerSpec Read(YamlFields f, YamlMappingNode map)
    {
        f.RejectUnknown(map, "optimizer", ["name", .. Settings]);
        int? population = null;
        if (Settings.Contains(Population))
        {
            long? value = f.Integer(map, Population, "optimizer", 2);
            if (value > int.MaxValue) f.Problems.Add($"optimizer.population: {value} is too large (typical: 10 to 100).");
            else population = (int?)value;
        }
        double? sigma0 = Settings.Contains(Sigma0) ? f.Number(map, Sigma0, "optimizer") : null;
        if (sigma0 is <= 0) f.Problems.Add("optimizer.sigma0: must be positive.");
        double? mutation = Settings.Contains(MutationSigma) ? f.Number(map, MutationSigma, "optimizer") : null;
        if (mutation is < 0) f.Problems.Add("optimizer.mutation_sigma: must not be negative.");
        long? batch = null;
        if (Settings.Contains(BatchSize))
        {
            batch = f.Integer(map, BatchSize, "optimizer", 1);
            if (batch > 100_000) f.Problems.Add($"optimizer.batch_size: {batch} is too large (typical: the number of evaluation slots).");
        }
        double? margin = Settings.Contains(Margin) ? f.Number(map, Margin, "optimizer") : null;
        if (margin is not null && !(margin > 0 && margin < 0.5))
            f.Problems.Add($"optimizer.margin: {margin} must lie between 0 and 0.5 (the least chance of a discrete gene moving to a neighbouring value; default 1 / (genes x population)).");
        return new OptimizerSpec(Name, population, sigma0, mutation, margin) { BatchSize = batch is > 100_000 ? null : (int?)batch };
    }

    /// <summary>The settings the config gives, in canonical order and text (defaults are left out, as given).</summary>
    public IReadOnlyList<(string Key, string Value)> Write(OptimizerSpec spec)
    {
        var fields = new List<(string, string)>();
        foreach (var key in Settings)
        {
            string? value = key switch
            {
                Population => spec.Population?.ToString(CultureInfo.InvariantCulture),
                Sigma0 => spec.Sigma0?.ToString("R", CultureInfo.InvariantCulture),
                MutationSigma => spec.MutationSigma?.ToString("R", CultureInfo.InvariantCulture),
                BatchSize => spec.BatchSize?.ToString(CultureInfo.InvariantCulture),
                Margin => spec.Margin?.ToString("R", CultureInfo.InvariantCulture),
                _ => throw new InvalidOperationException($"{Name}: no writer for setting '{key}'."),
            };
            if (value is not null) fields.Add((key, value));
        }
        return fields;
    }
}
