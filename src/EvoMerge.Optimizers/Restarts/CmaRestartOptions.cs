using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Optimizers.Restarts;

/// <summary>
/// Settings of a restarting CMA-ES. <see cref="Base"/> configures the first run; its
/// <see cref="CmaEsOptions.MaxEvaluations"/> and <see cref="CmaEsOptions.TargetValue"/> apply to all
/// runs together, and its seed also seeds the restart decisions.
/// </summary>
public sealed record CmaRestartOptions
{
    public required CmaEsOptions Base { get; init; }

    /// <summary>Restarts after the first run (pycma's default for restarts=True is 9).</summary>
    public int MaxRestarts { get; init; } = 9;

    /// <summary>Factor by which each (large-regime) restart multiplies the population (pycma incpopsize).</summary>
    public double PopulationIncrease { get; init; } = 2;

    public void Validate()
    {
        if (Base is null) throw new ArgumentException("Restart options need base CMA-ES options.");
        Base.Validate();
        var errors = new List<string>();
        if (MaxRestarts < 0) errors.Add($"MaxRestarts must not be negative (was {MaxRestarts}).");
        if (!(PopulationIncrease > 1) || !double.IsFinite(PopulationIncrease))
            errors.Add($"PopulationIncrease must be a finite number above 1 (was {PopulationIncrease}).");
        if (errors.Count > 0) throw new ArgumentException("Invalid restart options: " + string.Join(" ", errors));
    }
}
