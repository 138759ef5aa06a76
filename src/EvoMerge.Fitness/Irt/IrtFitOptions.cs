namespace EvoMerge.Fitness.Irt;

/// <summary>
/// Priors (the regularization of the maximum-likelihood fit) and stopping of <see cref="IrtFitter"/>.
/// The fit works in slope-intercept form <c>z = a theta + c</c> (<c>c = -a b</c>), where each item's
/// log-likelihood is concave: priors are <c>a ~ N(1, DiscriminationPriorSd^2)</c>,
/// <c>c ~ N(0, InterceptPriorSd^2)</c> and <c>theta ~ N(0, 1)</c>.
/// </summary>
public sealed record IrtFitOptions(
    double DiscriminationPriorSd = 1.0,
    double InterceptPriorSd = 3.0,
    int MaxSweeps = 200,
    double Tolerance = 1e-7)
{
    public static IrtFitOptions Default { get; } = new();
}
