using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Papers;

public class TaskSingularVectorsTests
{
    static readonly IMergeMethod Tsv = MergeMethodRegistry.Get("tsv_m");

    static Tensor Merge(Tensor b, Tensor[] xs, params (string, double)[] globals) =>
        Tsv.Merge(Inputs.For(Tsv, xs.Select((x, i) => Inputs.Model($"m{i}", x)).ToList(), b, Inputs.P(globals)));

    [Fact]
    public void Full_rank_orthogonal_task_vectors_give_task_arithmetic()
    {
        using var scope = NewDisposeScope();
        // Three task vectors of rank 2 in 6 x 8 matrices with mutually orthogonal column spaces and row
        // spaces: each keeps its 2 = 6 / 3 triplets, the concatenation is already orthonormal, and the
        // result is b + the plain sum.
        using var held = new HeldScalars();
        var g = new Generator(7);
        var (left, _) = linalg.qr(randn([6, 6], generator: g));
        var (right, _) = linalg.qr(randn([8, 8], generator: g));
        var b = randn([6, 8], generator: g);
        var deltas = Enumerable.Range(0, 3).Select(i =>
            left.narrow(1, 2 * i, 2).matmul(diag(rand([2], generator: g).add_(held[0.5], held[1]))).matmul(right.narrow(1, 2 * i, 2).t())).ToArray();
        var result = Merge(b, deltas.Select(d => b.add(d, held[1])).ToArray());
        TensorAssert.Close(b.add(deltas[0], held[1]).add(deltas[1], held[1]).add(deltas[2], held[1]), result, 1e-5);
    }

    [Fact]
    public void Keeps_the_top_singular_values_of_each_task()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var b = zeros(4, 4);
        var x = diag(Inputs.T(4, 3, 2, 1));
        TensorAssert.Close(diag(Inputs.T(4, 3, 0, 0)), Merge(b, [x], ("rank_fraction", 0.5)), 1e-5);
        TensorAssert.Close(x.mul(held[0.5]), Merge(b, [x], ("lambda", 0.5)), 1e-5);   // one task keeps everything by default
    }

    [Fact]
    public void Interfering_task_vectors_are_decorrelated_not_added()
    {
        using var scope = NewDisposeScope();
        // Two tasks along the same direction e1 e1^T: the sum would be 2 e1 e1^T, but TSV-M spreads the
        // second onto an orthogonal direction, so the spectral norm stays 1 while the Frobenius norm is sqrt(2).
        var e = zeros(3, 3);
        e[0, 0] = tensor(1f);
        var result = Merge(zeros(3, 3), [e, e.clone()]);
        var singular = linalg.svdvals(result);
        Assert.Equal(1, singular[0].item<float>(), 5);
        Assert.Equal(Math.Sqrt(2), result.norm().item<float>(), 5);
    }

    [Fact]
    public void Vectors_take_the_mean_task_vector()
    {
        using var scope = NewDisposeScope();
        Assert.Equal([2f, 3f], Inputs.Values(Merge(Inputs.T(1, 1), [Inputs.T(2, 5), Inputs.T(2, 1)])));
    }
}
