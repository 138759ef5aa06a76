using MathNet.Numerics.LinearAlgebra;

namespace EvoMerge.Fitness.Irt;

/// <summary>
/// Predicts a model's answer vector from its genes and the fully scored models around it: per example, a
/// weighted least-squares plane <c>r_i(g') = b_i + s_i . (g' - g)</c> over the <c>k</c> fully scored models
/// nearest to <c>g</c> in gene space (weights <c>1 / (distance + 0.001)</c>, a small ridge on the slopes),
/// read at <c>g</c> and clipped to [0, 1]. A plane follows a search that climbs past the models it has seen,
/// where an average of neighbours (or a mix of calibration models) cannot extrapolate. Every example shares
/// the design, so the prediction is one mix of the neighbours' answer rows, <c>r = sum_j c_j A_j</c>, with
/// <c>c_j = w_j x_j^T (X^T W X + R)^-1 e_0</c>.
/// </summary>
public sealed class LocalLinearReference
{
    /// <summary>Neighbours per plane; the offline study had 30 ahead of 8, 12, 20 and 40 on digits.</summary>
    public const int DefaultNeighbours = 30;

    /// <summary>Ridge on the slopes (genes scaled to a unit box): keeps the plane defined with fewer neighbours than genes.</summary>
    public const double DefaultRidge = 0.01;

    readonly double[][] _genes;
    readonly double[][] _answers;
    readonly int _neighbours;
    readonly double _ridge;

    /// <param name="genes">Per fully scored model, its genes.</param>
    /// <param name="answers">Per fully scored model (same order), its score on every example.</param>
    public LocalLinearReference(double[][] genes, double[][] answers, int neighbours = DefaultNeighbours, double ridge = DefaultRidge)
    {
        ArgumentNullException.ThrowIfNull(genes);
        ArgumentNullException.ThrowIfNull(answers);
        if (genes.Length == 0) throw new ArgumentException("The reference needs at least one fully scored model.", nameof(genes));
        if (genes.Length != answers.Length) throw new ArgumentException($"Got {genes.Length} gene vectors for {answers.Length} answer rows.", nameof(answers));
        if (genes.Any(g => g.Length != genes[0].Length)) throw new ArgumentException("Every fully scored model needs the same number of genes.", nameof(genes));
        if (answers.Any(a => a.Length != answers[0].Length)) throw new ArgumentException("Every fully scored model needs a score on every example.", nameof(answers));
        if (neighbours < 1) throw new ArgumentOutOfRangeException(nameof(neighbours), "Use at least one neighbour.");
        if (ridge <= 0) throw new ArgumentOutOfRangeException(nameof(ridge), "The ridge must be positive.");
        _genes = genes;
        _answers = answers;
        _neighbours = neighbours;
        _ridge = ridge;
    }

    public int GeneCount => _genes[0].Length;

    public int ExampleCount => _answers[0].Length;

    /// <summary>The predicted score on every example of a model with these genes.</summary>
    public double[] At(IReadOnlyList<double> genes)
    {
        ArgumentNullException.ThrowIfNull(genes);
        if (genes.Count != GeneCount) throw new ArgumentException($"Got {genes.Count} genes; the fully scored models have {GeneCount}.", nameof(genes));
        int k = Math.Min(_neighbours, _genes.Length), d = GeneCount;
        var distance = _genes.Select(g => Math.Sqrt(g.Select((v, i) => (v - genes[i]) * (v - genes[i])).Sum())).ToArray();
        var nearest = Enumerable.Range(0, _genes.Length).OrderBy(j => distance[j]).ThenBy(j => j).Take(k).ToArray();
        var weight = nearest.Select(j => 1 / (distance[j] + 1e-3)).ToArray();
        double weightSum = weight.Sum();

        var design = Matrix<double>.Build.Dense(k, d + 1, (row, col) => col == 0 ? 1 : _genes[nearest[row]][col - 1] - genes[col - 1]);
        var gram = Matrix<double>.Build.Dense(d + 1, d + 1);
        for (int row = 0; row < k; row++)
        {
            double w = weight[row] / weightSum;
            for (int a = 0; a <= d; a++)
                for (int b = 0; b <= d; b++) gram[a, b] += w * design[row, a] * design[row, b];
        }
        for (int a = 1; a <= d; a++) gram[a, a] += _ridge;
        var unit = Vector<double>.Build.Dense(d + 1);
        unit[0] = 1;
        var solved = gram.Solve(unit);

        var reference = new double[ExampleCount];
        for (int row = 0; row < k; row++)
        {
            double c = weight[row] / weightSum * design.Row(row).DotProduct(solved);
            var answers = _answers[nearest[row]];
            for (int i = 0; i < reference.Length; i++) reference[i] += c * answers[i];
        }
        for (int i = 0; i < reference.Length; i++) reference[i] = Math.Clamp(reference[i], 0, 1);
        return reference;
    }
}
