namespace EvoMerge.Experiments.CheapFitness;

/// <summary>Settings of the cheap-fitness experiment (`./run.sh experiment cheap-fitness`).</summary>
public sealed record CheapFitnessOptions
{
    /// <summary>Runs per method; run <c>r</c> uses seed <see cref="FirstSeed"/> + r for its split, models and search.</summary>
    public int Seeds { get; init; } = 5;

    public ulong FirstSeed { get; init; } = 42;

    /// <summary>Candidates per search (CMA-ES, population <see cref="Population"/>).</summary>
    public int Evaluations { get; init; } = 400;

    public int Population { get; init; } = 10;

    /// <summary>Examples per candidate for the subset methods, and anchors for IRT.</summary>
    public int Examples { get; init; } = 64;

    /// <summary>Random candidates scored in full to calibrate IRT, beside the sources and simple merges.</summary>
    public int CalibrationRandomCandidates { get; init; } = 12;

    /// <summary>Best trials by estimated fitness re-scored on the full fitness set at the end (winner check).</summary>
    public int WinnerCheck { get; init; } = 5;

    /// <summary>Share of the digits rows used as fitness (validation) rows; the demo's 0.2 leaves only ~290.</summary>
    public double ValidationFraction { get; init; } = 0.4;

    public double TestFraction { get; init; } = 0.2;

    public required string ResultsFolder { get; init; }

    public required string DataPath { get; init; }

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Seeds < 2) problems.Add($"--seeds is {Seeds}; use at least 2 so a standard error exists.");
        if (Evaluations < Population * 2) problems.Add($"Evaluations ({Evaluations}) must cover at least two generations of {Population}.");
        if (Population < 4) problems.Add($"Population is {Population}; CMA-ES needs at least 4.");
        if (Examples < 2) problems.Add($"Examples is {Examples}; use at least 2.");
        if (CalibrationRandomCandidates < 0) problems.Add("CalibrationRandomCandidates cannot be negative.");
        if (WinnerCheck < 1) problems.Add("WinnerCheck must be at least 1.");
        return problems;
    }
}
