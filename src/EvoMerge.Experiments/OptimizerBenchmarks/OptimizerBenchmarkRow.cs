using System.Globalization;

namespace EvoMerge.Experiments.OptimizerBenchmarks;

/// <summary>One line of optimizers.csv; overhead rows leave evaluations, best and reached empty.</summary>
public sealed record OptimizerBenchmarkRow(
    string Optimizer, string Function, int Dimension, ulong Seed, long? Evaluations, double? Best, bool? Reached,
    double Seconds, double MsPerGeneration)
{
    public const string Header = "optimizer,function,dim,seed,evaluations,best,reached,seconds,ms_per_generation";

    public string ToCsv()
    {
        var c = CultureInfo.InvariantCulture;
        return string.Join(",",
            Optimizer, Function, Dimension.ToString(c), Seed.ToString(c),
            Evaluations?.ToString(c) ?? "",
            Best?.ToString("R", c) ?? "",
            Reached is { } r ? (r ? "true" : "false") : "",
            Seconds.ToString("R", c),
            MsPerGeneration.ToString("R", c));
    }
}
