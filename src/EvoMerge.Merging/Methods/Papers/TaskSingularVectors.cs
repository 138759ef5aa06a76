using EvoMerge.Merging.Methods.Parameters;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Papers;

/// <summary>
/// TSV-M (Gargiulo et al., "Task Singular Vectors: Reducing Task Interference in Model Merging",
/// CVPR 2025). For a matrix, each task vector d_i = U_i S_i V_i^T keeps its top k singular triplets
/// (k = int(rank_fraction * min(rows, cols)), at least 1; rank_fraction defaults to 1 / tasks); the
/// kept U_i are concatenated and replaced by the nearest matrix with orthonormal columns (orthogonal
/// Procrustes: P Q^T from the SVD P S Q^T), likewise the V_i; y = b + lambda U S V^T. Other tensors
/// take the mean task vector, as the paper's code does. Computes in float32 (float64 stays float64).
/// See docs/merge-methods-papers.md.
/// </summary>
public sealed class TaskSingularVectors : IMergeMethod
{
    readonly ParameterSpec _lambda = StandardParameters.Lambda();
    readonly ParameterSpec _rankFraction = new("rank_fraction", ParameterKind.Number, Required: false, Default: null,
        "0 < rank_fraction <= 1 (share of each task vector's singular values kept; default 1 / number of models)", v => v > 0 && v <= 1);

    public TaskSingularVectors() => GlobalParameters = [_lambda, _rankFraction];

    public string Name => "tsv_m";
    public IReadOnlyList<ParameterSpec> GlobalParameters { get; }
    public IReadOnlyList<ParameterSpec> ModelParameters { get; } = [];
    public BaseModelUse BaseModel => BaseModelUse.Required;
    public int? RequiredModelCount => null;

    public Tensor Merge(MergeInputs inputs)
    {
        var split = BaseAndOthers.From(inputs, Name);
        if (split.Others.Count == 0) return split.Base.clone();
        string where = ParameterReader.Where(inputs.TensorName);
        double lambda = ParameterReader.Number(inputs.GlobalParameters, _lambda, where);
        double fraction = ParameterReader.Optional(inputs.GlobalParameters, _rankFraction, where) ?? 1.0 / split.Others.Count;
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var b = split.Base;
        var work = b.dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32;
        var deltas = split.Others.Select(m => m.Tensor.to(work).sub(b.to(work))).ToArray();
        Tensor merged;
        if (b.dim() != 2 || b.numel() == 0)
        {
            merged = deltas[0].clone();
            foreach (var d in deltas.Skip(1)) merged.add_(d, held[1]);
            merged.div_(held[deltas.Length]);
        }
        else merged = DecorrelatedSum(deltas, fraction);
        return b.add(merged.mul_(held[lambda]).to(b.dtype), held[1]).MoveToOuterDisposeScope();
    }

    /// <summary>U_perp diag(S) V_perp^T over the concatenated top-k singular triplets of every task vector.</summary>
    static Tensor DecorrelatedSum(Tensor[] deltas, double fraction)
    {
        long rank = Math.Min(deltas[0].shape[0], deltas[0].shape[1]);
        long k = Math.Max(1, (long)(fraction * rank));
        var us = new List<Tensor>();
        var ss = new List<Tensor>();
        var vhs = new List<Tensor>();
        foreach (var d in deltas)
        {
            var (u, s, vh) = linalg.svd(d, fullMatrices: false);
            us.Add(u.narrow(1, 0, k));
            ss.Add(s.narrow(0, 0, k));
            vhs.Add(vh.narrow(0, 0, k));
        }
        var uPerp = NearestOrthonormal(cat(us, 1));
        var vhPerp = NearestOrthonormal(cat(vhs, 0).t()).t();
        return uPerp.mul(cat(ss, 0)).matmul(vhPerp);
    }

    /// <summary>Orthogonal Procrustes: for A = P S Q^T, the matrix P Q^T (orthonormal columns when A is tall).</summary>
    static Tensor NearestOrthonormal(Tensor a)
    {
        var (p, _, qh) = linalg.svd(a, fullMatrices: false);
        return p.matmul(qh);
    }

    public IReadOnlyList<string> Validate(MergeValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HasBaseModel ? [] : ["tsv_m needs a base_model"];
    }
}
