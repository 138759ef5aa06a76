using System.Text.Json.Nodes;

namespace EvoMerge.Optimizers.Cma;

/// <summary>Diagonal covariance of sep-CMA-ES: O(n) memory and work, no decomposition.</summary>
internal sealed class CmaDiagonalCovariance : CmaCovariance
{
    readonly int _n;
    readonly double[] _c;
    readonly double[] _sqrtC; // standard deviations the current samples are drawn with

    public CmaDiagonalCovariance(int n)
    {
        _n = n;
        _c = Enumerable.Repeat(1.0, n).ToArray();
        _sqrtC = Enumerable.Repeat(1.0, n).ToArray();
    }

    public override int Dimension => _n;
    public override double Variance(int i) => _c[i];
    public override double Entry(int i, int j) => i == j ? _c[i] : 0;
    public override double MaxAxisLength => _sqrtC.Max();
    public override double MinAxisLength => _sqrtC.Min();

    public override void Transform(ReadOnlySpan<double> z, Span<double> y, int count)
    {
        for (int j = 0; j < count; j++)
            for (int i = 0; i < _n; i++)
                y[j * _n + i] = _sqrtC[i] * z[j * _n + i];
    }

    public override void InverseSqrtOfTransformed(ReadOnlySpan<double> z, Span<double> result) => z[.._n].CopyTo(result);

    public override void Update(double decay, ReadOnlySpan<double> vectors, ReadOnlySpan<double> weights, int count)
    {
        for (int i = 0; i < _n; i++)
        {
            double acc = decay * _c[i];
            for (int t = 0; t < count; t++)
            {
                double v = vectors[t * _n + i];
                acc += weights[t] * v * v;
            }
            _c[i] = acc;
        }
    }

    public override bool DecomposeIfDue()
    {
        for (int i = 0; i < _n; i++)
        {
            if (!(_c[i] > 0) || !double.IsFinite(_c[i])) return false;
            _sqrtC[i] = Math.Sqrt(_c[i]);
        }
        return true;
    }

    public override void PrincipalAxis(int k, Span<double> destination)
    {
        destination[.._n].Clear();
        destination[k] = _sqrtC[k];
    }

    public override JsonObject Export() => new()
    {
        ["model"] = "diagonal",
        ["c"] = CmaJson.Bits(_c),
        ["sqrtC"] = CmaJson.Bits(_sqrtC),
    };

    public override void CopyFrom(JsonObject json)
    {
        if (json["model"]?.GetValue<string>() != "diagonal") throw new FormatException("Expected a diagonal covariance in the state.");
        CmaJson.ReadBits(json["c"], "covariance.c", _n).CopyTo(_c, 0);
        CmaJson.ReadBits(json["sqrtC"], "covariance.sqrtC", _n).CopyTo(_sqrtC, 0);
    }
}
