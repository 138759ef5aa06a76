using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Cma;

/// <summary>
/// Settings of one <see cref="CmaEs"/> run. Defaults follow pycma 4.x (<c>cma.CMAOptions()</c>); a null
/// value means "pycma's default for this dimension and population size".
/// </summary>
public sealed record CmaEsOptions
{
    /// <summary>Dimension above which <see cref="CmaCovarianceMode.Auto"/> picks the separable model.</summary>
    public const int AutoSeparableAboveDimension = 1000;

    /// <summary>Initial mean (must lie inside <see cref="Bounds"/> when bounds are given).</summary>
    public required double[] X0 { get; init; }

    /// <summary>Initial step size (standard deviation in every coordinate).</summary>
    public required double Sigma0 { get; init; }

    /// <summary>lambda; null = 4 + floor(3 ln n).</summary>
    public int? PopulationSize { get; init; }

    /// <summary>
    /// Box constraints, handled by <see cref="CmaBoundTransform"/> (pycma's BoundTransform): the
    /// distribution lives in an unbounded genotype space and every asked candidate is the genotype
    /// mapped into the box, so the update always sees the unmodified samples.
    /// </summary>
    public Bounds? Bounds { get; init; }

    public CmaCovarianceMode Mode { get; init; } = CmaCovarianceMode.Auto;

    /// <summary>Stop once this many outcomes were told (pycma maxfevals); null = no limit.</summary>
    public long? MaxEvaluations { get; init; }

    /// <summary>Stop after this many generations; null = pycma's 100 + 150 (n + 3)^2 / sqrt(lambda).</summary>
    public long? MaxGenerations { get; init; }

    /// <summary>Stop once the best value is at or below this (pycma ftarget); null = never.</summary>
    public double? TargetValue { get; init; }

    /// <summary>Stop when sigma * max(|pc_i|, sqrt(C_ii)) is below this in every coordinate.</summary>
    public double TolX { get; init; } = 1e-11;

    /// <summary>Stop when this generation's values and the recent best values each span less than this.</summary>
    public double TolFun { get; init; } = 1e-11;

    /// <summary>Stop when the recent best values (10 + 30 n / lambda generations) span less than this.</summary>
    public double TolFunHist { get; init; } = 1e-12;

    /// <summary>Stagnation window in generations; null = pycma's int(100 + 100 n^1.5 / lambda); 0 disables.</summary>
    public int? TolStagnation { get; init; }

    /// <summary>Stop when the covariance condition number exceeds this (pycma tolconditioncov).</summary>
    public double TolConditionCov { get; init; } = 1e14;

    /// <summary>Stop when a coordinate's standard deviation grew beyond this factor times sigma0 (divergence).</summary>
    public double TolFacUpX { get; init; } = 1e3;

    /// <summary>Stop when sigma / sigma0 exceeds this times the largest axis length (creeping).</summary>
    public double TolUpSigma { get; init; } = 1e20;

    /// <summary>Stop after this many consecutive generations in which every candidate failed.</summary>
    public int MaxAllFailedGenerations { get; init; } = 3;

    /// <summary>
    /// With bounds, sigma is capped so that no coordinate's standard deviation exceeds this fraction of
    /// its bound range (pycma maxstd_boundrange); 0 disables.
    /// </summary>
    public double MaxStdBoundRange { get; init; } = 1.0 / 3.0;

    /// <summary>
    /// Generations between eigendecompositions of a full covariance; null = lambda / (c1 + cmu) / n / 10
    /// (at most 1 for small n, see <see cref="CmaStrategyParameters"/>).
    /// </summary>
    public double? EigenUpdateGap { get; init; }

    public ulong Seed { get; init; }

    /// <summary>Id of the first candidate; restart wrappers continue their own counter through it.</summary>
    public long FirstCandidateId { get; init; }

    public int Dimension => X0.Length;

    /// <summary>The covariance model <see cref="Mode"/> resolves to for this dimension.</summary>
    public CmaCovarianceMode ResolvedMode =>
        Mode != CmaCovarianceMode.Auto ? Mode
        : Dimension > AutoSeparableAboveDimension ? CmaCovarianceMode.Separable : CmaCovarianceMode.Full;

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid setting at once.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (X0 is null || X0.Length == 0) errors.Add("X0 must hold at least one gene.");
        else if (X0.Any(x => !double.IsFinite(x))) errors.Add("X0 must be finite.");
        if (!(Sigma0 > 0) || !double.IsFinite(Sigma0)) errors.Add($"Sigma0 must be a positive finite number (was {Sigma0}).");
        if (PopulationSize is < 2) errors.Add($"PopulationSize must be at least 2 (was {PopulationSize}).");
        if (Bounds is not null && X0 is not null && X0.Length > 0)
        {
            if (Bounds.Dimension != X0.Length)
                errors.Add($"Bounds have {Bounds.Dimension} genes but X0 has {X0.Length}.");
            else if (!Bounds.Contains(X0))
                errors.Add("X0 must lie inside the bounds.");
        }
        if (!Enum.IsDefined(Mode)) errors.Add($"Unknown covariance mode {Mode}.");
        if (MaxEvaluations is <= 0) errors.Add($"MaxEvaluations must be positive (was {MaxEvaluations}).");
        if (MaxGenerations is <= 0) errors.Add($"MaxGenerations must be positive (was {MaxGenerations}).");
        if (TargetValue is { } t && double.IsNaN(t)) errors.Add("TargetValue must not be NaN.");
        CheckNonNegative(errors, nameof(TolX), TolX);
        CheckNonNegative(errors, nameof(TolFun), TolFun);
        CheckNonNegative(errors, nameof(TolFunHist), TolFunHist);
        if (TolStagnation is < 0) errors.Add($"TolStagnation must not be negative (was {TolStagnation}).");
        if (!(TolConditionCov > 1)) errors.Add($"TolConditionCov must exceed 1 (was {TolConditionCov}).");
        if (!(TolFacUpX > 1)) errors.Add($"TolFacUpX must exceed 1 (was {TolFacUpX}).");
        if (!(TolUpSigma > 1)) errors.Add($"TolUpSigma must exceed 1 (was {TolUpSigma}).");
        if (MaxAllFailedGenerations < 1) errors.Add($"MaxAllFailedGenerations must be at least 1 (was {MaxAllFailedGenerations}).");
        CheckNonNegative(errors, nameof(MaxStdBoundRange), MaxStdBoundRange);
        if (EigenUpdateGap is { } gap && !(gap >= 0 && double.IsFinite(gap)))
            errors.Add($"EigenUpdateGap must be a non-negative number (was {gap}).");
        if (FirstCandidateId < 0) errors.Add($"FirstCandidateId must not be negative (was {FirstCandidateId}).");
        if (errors.Count > 0)
            throw new ArgumentException("Invalid CMA-ES options: " + string.Join(" ", errors));
    }

    static void CheckNonNegative(List<string> errors, string name, double value)
    {
        if (!(value >= 0) || double.IsNaN(value)) errors.Add($"{name} must be a non-negative number (was {value}).");
    }
}
