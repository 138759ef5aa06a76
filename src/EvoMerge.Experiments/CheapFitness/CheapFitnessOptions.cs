using EvoMerge.Experiments.EvoLlmToy;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>Settings of the cheap-fitness experiment (`./run.sh experiment cheap-fitness`).</summary>
public sealed record CheapFitnessOptions
{
    public const string DigitsTask = "digits", EvoLlmToyTask = "evollm-toy";

    public static IReadOnlyList<string> KnownTasks { get; } = [DigitsTask, EvoLlmToyTask];

    /// <summary>Runs per method and task; run <c>r</c> uses seed <see cref="FirstSeed"/> + r for its search (and, on digits, its split and models).</summary>
    public int Seeds { get; init; } = 5;

    public ulong FirstSeed { get; init; } = 42;

    public IReadOnlyList<string> Tasks { get; init; } = KnownTasks;

    /// <summary>
    /// Digits: 400 candidates of population 10 (milliseconds each), 64 examples of 719; the neighbour estimator
    /// with the first trial of every generation scored in full (recalibration 1), which follows the search
    /// better than random calibration models do, so 12 random ones suffice (offline, analysis/neighbour.py:
    /// 0.40 of a random subset's error; calibration 20 x 719, anchors 360 x 64, recalibration 40 x 719 and the
    /// winner check keep the run over 3x cheaper than full evaluation). The winner check re-scores the best 20:
    /// with 5, a seed's test accuracy hung on which of several near-equal candidates the 5 held (experiments/
    /// cheap-fitness/README.md).
    /// </summary>
    public CheapFitnessBudget Digits { get; init; } = new() { Evaluations = 400, Population = 10, Examples = 64, CalibrationRandomCandidates = 12, IrtFitness = IrtFitness.Neighbour, Recalibration = 1, WinnerCheck = 20 };

    /// <summary>
    /// evollm-toy: a candidate costs a merge and generation on up to 300 problems (about a second on
    /// 2 shared cores), so 8 generations of 12; 32 of 300 examples per candidate (11 %; digits' 64 of 719 is
    /// 9 %). The answer completion estimator with anchors drawn per candidate and the first trial of every
    /// generation scored in full (offline, analysis/neighbour.py: 0.39 of a random subset's error with 2 random
    /// calibration models, 0.40 with 4, 0.41 with 10): calibration 8 x 300, recalibration 8 x 300, anchors
    /// 88 x 32 and a winner check of at most 6 x 300 stay under a third of full evaluation's 28,800 examples.
    /// Random calibration models matter little once the search recalibrates, so their examples go to the
    /// winner check (6 instead of 4), where the toy's first run of this version lost its test accuracy.
    /// </summary>
    public CheapFitnessBudget EvoLlmToy { get; init; } = new() { Evaluations = 96, Population = 12, Examples = 32, CalibrationRandomCandidates = 2, WinnerCheck = 6, IrtFitness = IrtFitness.Completion, Recalibration = 1 };

    /// <summary>Digits: share of rows used as fitness (validation) rows; the demo's 0.2 leaves only ~290.</summary>
    public double ValidationFraction { get; init; } = 0.4;

    public double TestFraction { get; init; } = 0.2;

    public required string ResultsFolder { get; init; }

    /// <summary>The digits data (experiments/data/digits.csv.gz).</summary>
    public required string DataPath { get; init; }

    /// <summary>Where the evollm-toy assets are (made there when missing, reused when they match <see cref="ToyAssets"/>).</summary>
    public string? ToyAssetsFolder { get; init; }

    public EvoLlmToyOptions ToyAssets { get; init; } = new();

    /// <summary>Tokens generated per target problem, as the evollm-toy searches do.</summary>
    public int ToyMaxNewTokens { get; init; } = 4;

    /// <summary>When set, only the answers for the offline estimator study are written there (<see cref="ResponseDump"/>); no searches but the full one run.</summary>
    public string? DumpFolder { get; init; }

    /// <summary>Uniform random candidates scored in full for the dump's calibration pool.</summary>
    public int DumpRandomCandidates { get; init; } = 40;

    public CheapFitnessBudget BudgetOf(string task) => task == EvoLlmToyTask ? EvoLlmToy : Digits;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Seeds < 2) problems.Add($"--seeds is {Seeds}; use at least 2 so a standard error exists.");
        if (Tasks.Count == 0) problems.Add($"--tasks is empty; name one or more of {string.Join(", ", KnownTasks)}.");
        foreach (var task in Tasks.Where(t => !KnownTasks.Contains(t)))
            problems.Add($"--tasks: unknown task '{task}'; use {string.Join(", ", KnownTasks)}.");
        if (Tasks.Distinct().Count() != Tasks.Count) problems.Add("--tasks names a task twice.");
        foreach (var task in Tasks.Where(KnownTasks.Contains).Distinct()) problems.AddRange(BudgetOf(task).Problems(task));
        if (Tasks.Contains(EvoLlmToyTask) && string.IsNullOrWhiteSpace(ToyAssetsFolder)) problems.Add("evollm-toy needs an assets folder (ToyAssetsFolder).");
        if (ToyMaxNewTokens < 1) problems.Add($"evollm-toy: max new tokens is {ToyMaxNewTokens}; use at least 1.");
        return problems;
    }
}
