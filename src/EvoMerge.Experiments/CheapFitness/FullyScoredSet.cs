using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Fitness.Irt;
using Subsets = EvoMerge.Fitness.Subsets;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// The models the IRT method knows every answer of: the calibration models, and, with
/// <see cref="CheapFitnessBudget.Recalibration"/>, the trials the search scored in full. The per-candidate
/// estimators draw fresh anchors for each candidate from it: <see cref="IrtFitness.Neighbour"/> (a local linear
/// reference in gene space, anchors importance-sampled around it) and <see cref="IrtFitness.Completion"/>
/// (uniform anchors, the answer vector completed as a mix of these models). Genes are read in the unit box of
/// <see cref="Bounds"/>, so no gene's range dominates the distances.
/// </summary>
public sealed class FullyScoredSet(Bounds bounds)
{
    readonly List<double[]> _unitGenes = [];
    readonly List<double[]> _answers = [];
    NeighbourEstimator? _neighbour;

    public int Count => _answers.Count;

    public void Add(IReadOnlyList<double> genes, double[] answers)
    {
        _unitGenes.Add(bounds.ToUnitBox(genes));
        _answers.Add(answers);
        _neighbour = null;
    }

    /// <summary>
    /// A candidate's estimated accuracy from <paramref name="anchors"/> anchors drawn for it from <paramref name="rng"/>;
    /// <paramref name="score"/> returns its answers on the given example rows (that is what costs examples).
    /// </summary>
    public AccuracyEstimate Estimate(IrtFitness kind, IReadOnlyList<double> genes, int anchors, Func<IReadOnlyList<int>, double[]> score, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (Count == 0) throw new InvalidOperationException("No model is scored in full yet.");
        double[][] answers = [.. _answers];
        switch (kind)
        {
            case IrtFitness.Neighbour:
                _neighbour ??= new NeighbourEstimator([.. _unitGenes], answers);
                var sample = _neighbour.Draw(bounds.ToUnitBox(genes), anchors, rng);
                return sample.Estimate(score(sample.Items));
            case IrtFitness.Completion:
                var rows = Subsets.FixedSubset.Draw(answers[0].Length, rng).Take(anchors);
                return new AnswerCompletionEstimator(rows, answers).Estimate(score(rows));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only neighbour and completion draw anchors per candidate.");
        }
    }
}
