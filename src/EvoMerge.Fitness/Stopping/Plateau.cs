namespace EvoMerge.Fitness.Stopping;

/// <summary>
/// Patience stop rule: the run ends once <see cref="Generations"/> consecutive generations have not
/// improved the best objective by more than <see cref="MinDelta"/>. Objectives are minimized (as
/// everywhere in EvoMerge's optimizers), so an improvement is a value below
/// <c>best - min_delta</c>. Its whole state is the reference best and the count, so a resumed run can
/// rebuild it by replaying the journal's per-generation bests, or restore it from <see cref="State"/>.
/// </summary>
public sealed class Plateau
{
    public Plateau(int generations, double minDelta)
    {
        if (generations < 1)
            throw new ArgumentOutOfRangeException(nameof(generations), $"patience.generations is {generations}; it must be at least 1.");
        if (!(minDelta >= 0) || double.IsInfinity(minDelta))
            throw new ArgumentOutOfRangeException(nameof(minDelta), $"patience.min_delta is {minDelta}; it must be a finite number of at least 0.");
        Generations = generations;
        MinDelta = minDelta;
    }

    public int Generations { get; }
    public double MinDelta { get; }

    /// <summary>The best value that counted as an improvement (NaN before the first finite value).</summary>
    public double Reference { get; private set; } = double.NaN;

    /// <summary>Generations observed since <see cref="Reference"/> was set.</summary>
    public int GenerationsWithoutImprovement { get; private set; }

    public bool Triggered => GenerationsWithoutImprovement >= Generations;

    public PlateauState State => new(Reference, GenerationsWithoutImprovement);

    public void Restore(PlateauState state)
    {
        if (state.GenerationsWithoutImprovement < 0)
            throw new ArgumentOutOfRangeException(nameof(state), "A plateau count cannot be negative.");
        Reference = state.Reference;
        GenerationsWithoutImprovement = state.GenerationsWithoutImprovement;
    }

    /// <summary>
    /// Records the best (lowest) objective of one finished generation; NaN or infinity (a generation
    /// with no completed trial) counts as no improvement. Returns whether the rule now says stop.
    /// </summary>
    public bool Observe(double generationBest)
    {
        bool finite = double.IsFinite(generationBest);
        if (finite && (double.IsNaN(Reference) || generationBest < Reference - MinDelta))
        {
            Reference = generationBest;
            GenerationsWithoutImprovement = 0;
        }
        else
        {
            GenerationsWithoutImprovement++;
        }
        return Triggered;
    }
}

/// <summary>The saved state of a <see cref="Plateau"/>.</summary>
public readonly record struct PlateauState(double Reference, int GenerationsWithoutImprovement);
