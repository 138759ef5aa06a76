using EvoMerge.Core.Randomness;

namespace EvoMerge.Fitness.Irt;

/// <summary>
/// <c>anchor_estimate: neighbour</c>: estimates a model's full-set accuracy from anchors drawn for it alone.
/// Its answers are first predicted from its genes and the fully scored models nearest to it
/// (<see cref="LocalLinearReference"/>); anchors are drawn where that prediction is least sure
/// (<see cref="ReferenceSampling"/>), and the estimate is the prediction's mean corrected by the anchors'
/// inverse-probability-weighted residuals (<see cref="ReferenceSample.Estimate"/>): unbiased over the draw
/// even where the prediction is off, and the closer the fully scored models (a search that scores some of its
/// own trials in full keeps them close), the smaller its error.
/// </summary>
public sealed class NeighbourEstimator(LocalLinearReference reference, double uniformShare = ReferenceSampling.DefaultUniformShare)
{
    readonly LocalLinearReference _reference = reference ?? throw new ArgumentNullException(nameof(reference));

    public NeighbourEstimator(double[][] genes, double[][] answers) : this(new LocalLinearReference(genes, answers)) { }

    /// <summary>Predicts the model's answers and draws its <paramref name="anchors"/> anchors from <paramref name="rng"/>.</summary>
    public ReferenceSample Draw(IReadOnlyList<double> genes, int anchors, Rng rng) =>
        ReferenceSampling.Draw(_reference.At(genes), anchors, rng, uniformShare);
}
