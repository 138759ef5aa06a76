namespace EvoMerge.Optimizers.Genetic;

/// <summary>
/// An evaluated chromosome. Fitness is a value to *minimize*. A failed trial has fitness +∞, which
/// ranks it behind every completed one; the genetic algorithm also treats a non-finite objective
/// value from the evaluator as a failure, so completed individuals always have finite fitness.
/// </summary>
public sealed record Individual
{
    public Chromosome Chromosome { get; }
    public double Fitness { get; }

    public Individual(Chromosome chromosome, double fitness)
    {
        ArgumentNullException.ThrowIfNull(chromosome);
        if (double.IsNaN(fitness) || double.IsNegativeInfinity(fitness))
            throw new ArgumentException($"Fitness {fitness} is not allowed: use a finite value, or +∞ for a failed trial.", nameof(fitness));
        Chromosome = chromosome;
        Fitness = fitness;
    }

    public static Individual Failed(Chromosome chromosome) => new(chromosome, double.PositiveInfinity);

    public bool IsFailed => double.IsPositiveInfinity(Fitness);
}
