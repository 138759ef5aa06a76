using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Tests.Cma;

/// <summary>Drives an optimizer on a plain function until it stops (or a generation cap).</summary>
internal static class CmaTestRuns
{
    public static int RunUntilStop(IAskTellOptimizer optimizer, Func<double[], double> f, int maxGenerations = 100_000,
        Action<IReadOnlyList<Candidate>>? inspect = null)
    {
        int generations = 0;
        while (optimizer.Stop().Count == 0 && generations < maxGenerations)
        {
            var batch = optimizer.Ask();
            inspect?.Invoke(batch);
            optimizer.Tell(batch.Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, [f(c.Genes)])).ToList());
            generations++;
        }
        return generations;
    }

    public static double Sphere(double[] x) => x.Sum(v => v * v);
}
