namespace EvoMerge.Optimizers.Cma;

/// <summary>
/// Settings of one <see cref="CmaWithMargin"/> run: the CMA-ES settings (X0, Sigma0, population,
/// stop criteria, seed; Bounds, when given, map the continuous genes as in <see cref="CmaEs"/>)
/// plus which genes are discrete.
/// </summary>
public sealed record CmaWithMarginOptions
{
    public required CmaEsOptions Cma { get; init; }

    /// <summary>One entry per gene: its allowed values, or null for a continuous gene.</summary>
    public required IReadOnlyList<DiscreteValues?> Discrete { get; init; }

    /// <summary>
    /// alpha, the least probability of moving a discrete gene to a neighbouring value; null =
    /// 1 / (n * lambda), the paper's default.
    /// </summary>
    public double? Margin { get; init; }

    public int Dimension => Cma.Dimension;

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid setting at once.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Cma is null) errors.Add("Cma options are required.");
        else
        {
            try { Cma.Validate(); }
            catch (ArgumentException e) { errors.Add(e.Message); }
        }
        if (Discrete is null) errors.Add("Discrete must name every gene (null for a continuous one).");
        else if (Cma?.X0 is { } x0 && Discrete.Count != x0.Length)
            errors.Add($"Discrete has {Discrete.Count} entries but X0 has {x0.Length} genes.");
        if (Margin is { } m && !(m > 0 && m < 0.5))
            errors.Add($"Margin must lie in (0, 0.5) (was {m}).");
        if (errors.Count > 0)
            throw new ArgumentException("Invalid CMA-ES with margin options: " + string.Join(" ", errors));
    }
}
