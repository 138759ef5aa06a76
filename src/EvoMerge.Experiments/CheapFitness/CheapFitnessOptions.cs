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
    /// Digits: 400 candidates of population 10 (milliseconds each), 64 examples of 719; 40 random calibration
    /// models (the estimate's error fell from 0.78 to 0.62 of a random subset's going from 12 to 40 in the
    /// offline study, and the IRT run stays over 4x cheaper than full evaluation).
    /// </summary>
    public CheapFitnessBudget Digits { get; init; } = new() { Evaluations = 400, Population = 10, Examples = 64, CalibrationRandomCandidates = 40 };

    /// <summary>
    /// evollm-toy: a candidate costs a merge and generation on up to 300 problems (about a second on
    /// 2 shared cores), so 8 generations of 12; 32 of 300 examples per candidate (11 %; digits' 64 of 719 is
    /// 9 %) and 10 random calibration models (each a full scoring) with a winner check of 4, so IRT's
    /// calibration, anchors and check stay under a third of full evaluation's examples. The answer completion
    /// estimator gains more from calibration models than from anchors: offline (analysis/completion.py) 32
    /// anchors with 10 random models had 0.42 of a random subset's error, 48 with 6 had 0.52.
    /// </summary>
    public CheapFitnessBudget EvoLlmToy { get; init; } = new() { Evaluations = 96, Population = 12, Examples = 32, CalibrationRandomCandidates = 10, WinnerCheck = 4, IrtFitness = IrtFitness.Completion };

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
