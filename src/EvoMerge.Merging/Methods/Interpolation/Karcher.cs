using EvoMerge.Merging.Methods.Parameters;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Interpolation;

/// <summary>
/// mergekit's Karcher mean: the Riemannian mean of the models' directions on the unit sphere, scaled by
/// their mean norm. Every input counts equally (the base model too when it is given, as mergekit feeds
/// it like any other). Directions of models with norm &lt;= tol are left out. Starting from the
/// normalized mean direction u, each step moves u along the exponential map by the weighted mean of
/// the log maps (theta_i / sin theta_i)(u_i - cos theta_i u), skipping directions within tol radians;
/// it stops after max_iter steps or when that mean is shorter than tol. y = mean_i(|x_i|) u.
/// </summary>
public sealed class Karcher : IMergeMethod
{
    readonly ParameterSpec _maxIter = new("max_iter", ParameterKind.Number, Required: false, Default: 10,
        "a whole number >= 0 (iterations)", v => v >= 0 && v <= int.MaxValue && Math.Floor(v) == v);
    readonly ParameterSpec _tol = new("tol", ParameterKind.Number, Required: false, Default: 1e-5,
        "a finite number >= 0", v => double.IsFinite(v) && v >= 0);

    public Karcher() => GlobalParameters = [_maxIter, _tol];

    public string Name => "karcher";
    public IReadOnlyList<ParameterSpec> GlobalParameters { get; }
    public IReadOnlyList<ParameterSpec> ModelParameters { get; } = [];
    public BaseModelUse BaseModel => BaseModelUse.Optional;
    public int? RequiredModelCount => null;

    public Tensor Merge(MergeInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        string where = ParameterReader.Where(inputs.TensorName);
        var named = inputs.Models.Select(m => (m.ModelName, m.Tensor)).ToList();
        if (inputs.Base is { } b && !inputs.Models.Any(m => m.IsBase)) named.Add(("base", b));
        if (named.Count == 0) throw new ArgumentException($"{where}: karcher needs at least one model");
        InputChecks.RequireSameLayout(inputs.TensorName, Name, named[0], named.Skip(1));
        var tensors = named.Select(n => n.Item2).ToArray();
        if (tensors.Length == 1) return tensors[0].clone();

        int maxIter = (int)ParameterReader.Number(inputs.GlobalParameters, _maxIter, where);
        double tol = ParameterReader.Number(inputs.GlobalParameters, _tol, where);
        using var scope = NewDisposeScope();
        return Mean(tensors, maxIter, tol).MoveToOuterDisposeScope();
    }

    static double Norm(Tensor t) => t.to(ScalarType.Float32).norm().item<float>();

    /// <summary>The Karcher mean with equal weights, computed in the tensors' dtype with norms in float32.</summary>
    static Tensor Mean(IReadOnlyList<Tensor> tensors, int maxIter, double tol)
    {
        using var held = new HeldScalars();
        double alpha = 1.0 / tensors.Count;
        var norms = tensors.Select(Norm).ToArray();
        var units = tensors.Select((t, i) => norms[i] == 0 ? zeros_like(t) : t.div(held[(float)norms[i]])).ToArray();
        var valid = Enumerable.Range(0, tensors.Count).Where(i => norms[i] > tol).ToArray();
        if (valid.Length == 0) return zeros_like(tensors[0]);
        double share = 1.0 / valid.Length;   // equal weights renormalized over the valid directions

        var u = zeros_like(units[valid[0]]);
        foreach (int i in valid) u.add_(units[i].mul(held[share]), held[1]);
        double meanNorm = Norm(u);
        u = meanNorm < tol ? units[valid[0]].clone() : u.div_(held[(float)meanNorm]);

        for (int step = 0; step < maxIter; step++)
        {
            using var stepHeld = new HeldScalars();   // per step: the length below differs every step
            var direction = zeros_like(u);
            foreach (int i in valid)
            {
                var cosine = u.flatten().dot(units[i].flatten()).clamp_(stepHeld[-1], stepHeld[1]);
                var theta = cosine.acos();
                if (theta.to(ScalarType.Float64).item<double>() < tol) continue;
                var scale = theta.div(theta.sin()).mul_(stepHeld[share]);
                direction.add_(units[i].sub(cosine.mul(u)).mul_(scale), stepHeld[1]);
            }
            var directionNorm = direction.to(ScalarType.Float32).norm();
            if (directionNorm.item<float>() < tol) break;
            u = u.mul(directionNorm.cos()).add_(direction.div(directionNorm).mul_(directionNorm.sin()), stepHeld[1]).to(u.dtype);
            double length = Norm(u);
            if (length > tol) u.div_(stepHeld[(float)length]);
        }
        double scaleAll = norms.Sum(n => alpha * n);
        return u.mul_(held[scaleAll]);
    }

    public IReadOnlyList<string> Validate(MergeValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Models.Count > 0 ? [] : ["karcher needs at least one model"];
    }
}
