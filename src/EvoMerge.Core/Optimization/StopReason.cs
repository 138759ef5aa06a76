namespace EvoMerge.Core.Optimization;

/// <summary>Why an optimizer considers itself finished. <c>Stop()</c> returns a set, empty while running.</summary>
public enum StopReason
{
    EvaluationBudget,
    GenerationBudget,
    TimeBudget,
    TargetReached,
    /// <summary>Step size or spread of the population fell below tolerance.</summary>
    Tolerance,
    /// <summary>Best value did not improve over the stagnation window.</summary>
    Stagnation,
    /// <summary>Numerical trouble (e.g. a degenerate covariance) makes further steps meaningless.</summary>
    NumericalFailure,
    /// <summary>Every candidate failed for a whole generation window.</summary>
    AllFailed,
}
