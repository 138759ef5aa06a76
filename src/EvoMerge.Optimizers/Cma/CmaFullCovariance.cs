using System.Text.Json.Nodes;

namespace EvoMerge.Optimizers.Cma;

/// <summary>
/// Full covariance C = B D^2 B^T. Only C's lower triangle is maintained (the update is symmetric);
/// B and D are refreshed lazily every <see cref="CmaStrategyParameters.EigenUpdateGap"/> updates,
/// so sampling uses the last decomposition, exactly as pycma's GaussFullSampler. Decompositions use
/// <see cref="CmaTridiagonalEigen"/>.
/// </summary>
internal sealed class CmaFullCovariance : CmaCovariance
{
    readonly int _n;
    readonly double _gap;
    readonly double[] _c;          // lower triangle valid, row-major n x n
    readonly double[] _b;          // row k = k-th unit eigenvector
    readonly double[] _d;          // axis lengths sqrt(eigenvalue_k)
    readonly double[] _eigenvalues;
    double[] _rankScratch;
    double[] _scaledZBuffer = [];  // D z for a batch
    int _updatesSinceDecomposition;

    public CmaFullCovariance(int n, double eigenUpdateGap)
    {
        _n = n;
        _gap = eigenUpdateGap;
        _c = new double[n * n];
        _b = new double[n * n];
        _d = new double[n];
        _eigenvalues = new double[n];
        _rankScratch = [];
        for (int i = 0; i < n; i++) { _c[i * n + i] = 1; _b[i * n + i] = 1; _d[i] = 1; }
    }

    public override int Dimension => _n;
    public override double MaxAxisLength => _d.Max();
    public override double MinAxisLength => _d.Min();
    public override double Variance(int i) => _c[i * _n + i];
    public override double Entry(int i, int j) => i >= j ? _c[i * _n + j] : _c[j * _n + i];

    public override void Transform(ReadOnlySpan<double> z, Span<double> y, int count)
    {
        var scaled = Scratch(ref _scaledZBuffer, count * _n);
        for (int j = 0; j < count; j++)
            for (int k = 0; k < _n; k++)
                scaled[j * _n + k] = _d[k] * z[j * _n + k];
        // y_j[i] = sum_k B_ik (D z_j)_k; with eigenvectors as rows this is (D z_j)^T · rows.
        CmaKernels.MultiplyRows(scaled, _b, y, count, _n);
    }

    static Span<double> Scratch(ref double[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new double[length];
        return buffer.AsSpan(0, length);
    }

    public override void InverseSqrtOfTransformed(ReadOnlySpan<double> z, Span<double> result)
    {
        // C^(-1/2) B D z = B D^-1 B^T B D z = B z.
        CmaKernels.MultiplyRows(z, _b, result, 1, _n);
    }

    public override void Update(double decay, ReadOnlySpan<double> vectors, ReadOnlySpan<double> weights, int count)
    {
        var scratch = Scratch(ref _rankScratch, count);
        CmaKernels.SymmetricRankUpdateLower(_c, _n, decay, vectors, weights, count, scratch);
        _updatesSinceDecomposition++;
    }

    public override bool DecomposeIfDue()
    {
        if (_updatesSinceDecomposition == 0 || _updatesSinceDecomposition < _gap) return true;
        _updatesSinceDecomposition = 0;
        if (!CmaTridiagonalEigen.Decompose(_c, _n, _eigenvalues, _b)) return false;
        double minimum = _eigenvalues.Min();
        if (!(minimum > 0))
        {
            // As pycma: lift the spectrum by the previous smallest variance and the deficit, then retry.
            double lift = -minimum + _d.Min() * _d.Min();
            for (int i = 0; i < _n; i++) _c[i * _n + i] += lift;
            if (!CmaTridiagonalEigen.Decompose(_c, _n, _eigenvalues, _b) || !(_eigenvalues.Min() > 0)) return false;
        }
        for (int k = 0; k < _n; k++) _d[k] = Math.Sqrt(_eigenvalues[k]);
        return true;
    }

    public override void PrincipalAxis(int k, Span<double> destination)
    {
        for (int i = 0; i < _n; i++) destination[i] = _d[k] * _b[k * _n + i];
    }

    public override JsonObject Export() => new()
    {
        ["model"] = "full",
        ["c"] = CmaJson.Bits(_c),
        ["b"] = CmaJson.Bits(_b),
        ["d"] = CmaJson.Bits(_d),
        ["updatesSinceDecomposition"] = _updatesSinceDecomposition,
    };

    public override void CopyFrom(JsonObject json)
    {
        if (json["model"]?.GetValue<string>() != "full") throw new FormatException("Expected a full covariance in the state.");
        CmaJson.ReadBits(json["c"], "covariance.c", _n * _n).CopyTo(_c, 0);
        CmaJson.ReadBits(json["b"], "covariance.b", _n * _n).CopyTo(_b, 0);
        CmaJson.ReadBits(json["d"], "covariance.d", _n).CopyTo(_d, 0);
        _updatesSinceDecomposition = CmaJson.Required<int>(json["updatesSinceDecomposition"], "covariance.updatesSinceDecomposition");
    }
}
