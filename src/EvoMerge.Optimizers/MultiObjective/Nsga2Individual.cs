using EvoMerge.Optimizers.Genetic;

namespace EvoMerge.Optimizers.MultiObjective;

/// <summary>
/// A population member with its non-domination rank (0 = first front) and crowding distance, both
/// from the environmental selection that kept it. <see cref="Objectives"/> is null for a failed trial.
/// </summary>
public sealed record Nsga2Individual(Chromosome Chromosome, IReadOnlyList<double>? Objectives, int Rank, double Crowding)
{
    public bool IsFailed => Objectives is null;
}
