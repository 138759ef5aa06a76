namespace EvoMerge.Optimizers.Benchmarks;

/// <summary>pycma 4.4's median evaluations to f &lt; 1e-8 on this machine's kind (algorithms.md §4).</summary>
public static class PycmaReference
{
    static readonly Dictionary<(string, int), double> MedianEvaluationsTable = new()
    {
        [("sphere", 10)] = 1260, [("sphere", 40)] = 4515,
        [("ellipsoid", 10)] = 3950, [("ellipsoid", 40)] = 47760,
        [("rosenbrock", 10)] = 5020, [("rosenbrock", 40)] = 61980,
        [("cigar", 10)] = 3820, [("cigar", 40)] = 15300,
    };

    static readonly Dictionary<int, double> OverheadMsTable = new() { [100] = 1.3, [300] = 5, [1000] = 23 };

    public static double? MedianEvaluations(string function, int dimension) =>
        MedianEvaluationsTable.TryGetValue((function, dimension), out var v) ? v : null;

    public static double? OverheadMsPerGeneration(int dimension) =>
        OverheadMsTable.TryGetValue(dimension, out var v) ? v : null;
}
