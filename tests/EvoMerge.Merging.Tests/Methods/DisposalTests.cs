using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods;

[CollectionDefinition(nameof(DisposalTests), DisableParallelization = true)]
public class DisposalCollection;

/// <summary>
/// Counts live tensors process-wide, so it runs alone. One test walks all methods on one thread:
/// every thread that calls into libtorch gets its own OpenMP team, and idle teams spin.
/// </summary>
[Collection(nameof(DisposalTests))]
public class DisposalTests
{
    [Fact]
    public void Merge_leaves_no_live_temporaries()
    {
        var g = new Generator(1);
        Tensor b;
        Tensor[] xs;
        using (NewDisposeScope())
        {
            using var held = new HeldScalars();
            b = randn([60, 450], generator: g).DetachFromDisposeScope();
            xs = Enumerable.Range(0, 3).Select(_ => b.add(randn([60, 450], generator: g), held[1]).DetachFromDisposeScope()).ToArray();
        }
        var p = Inputs.P(("weight", 0.5), ("density", 0.4), ("gamma", 0.05), ("epsilon", 0.1));
        var leaks = new List<string>();
        foreach (var method in MergeMethodRegistry.All.Select(m => SmallChunks.Get(m.Name)))
        {
            IReadOnlyList<MethodInputModel> models = method.Name switch
            {
                "slerp" => [new("base", true, b, p), new("a", false, xs[0], p)],
                "nuslerp" => [new("a", false, xs[0], p), new("b", false, xs[1], p)],
                "passthrough" => [new("a", false, xs[0], p)],
                "nearswap" or "arcee_fusion" => [new("base", true, b, p), new("a", false, xs[0], p)],
                "fisher" => xs.Select((x, i) => new MethodInputModel($"m{i}", false, x, p) { Fisher = x.abs() }).ToList(),
                _ => xs.Select((x, i) => new MethodInputModel($"m{i}", false, x, p)).ToList(),
            };
            var inputs = Inputs.For(method, models, method.Name is "linear" or "passthrough" ? null : b, Inputs.P(("t", 0.4), ("alpha", 0.5), ("beta", 0.5)), g);
            method.Merge(inputs).Dispose();   // warm-up: first calls may create lasting library state
            GC.Collect();
            GC.WaitForPendingFinalizers();   // tensors left to the finalizer elsewhere must not cancel a leak here
            long before = Tensor.TotalCount;
            method.Merge(inputs).Dispose();
            if (Tensor.TotalCount != before) leaks.Add($"{method.Name}: {Tensor.TotalCount - before}");
        }
        foreach (var t in xs.Append(b)) t.Dispose();
        Assert.Empty(leaks);
    }
}
