namespace EvoMerge.Search.Running;

/// <summary>A progress report after each trial: counts, the best value of every objective so far, rate and ETA.</summary>
public sealed record SearchProgress(
    int Generation,
    long TrialsDone,
    long Failed,
    long? BudgetEvaluations,
    IReadOnlyList<(string Objective, double? Best)> Best,
    TimeSpan Elapsed,
    double TrialsPerSecond,
    TimeSpan? Eta,
    bool Replaying);
