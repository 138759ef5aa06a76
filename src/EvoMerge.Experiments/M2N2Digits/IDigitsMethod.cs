namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>A line of the figure: how one method turns forward passes into a test-accuracy curve.</summary>
public interface IDigitsMethod
{
    /// <summary>Name in curves.csv (e.g. "m2n2", "ga_no_crossover", "cmaes").</summary>
    string Name { get; }

    DigitsPanel Panel { get; }

    /// <summary>One run; returns a point at each of <see cref="RecordSchedule.Points"/>.</summary>
    IReadOnlyList<CurvePoint> Run(DigitsRun run, long passes, long recordEvery);
}
