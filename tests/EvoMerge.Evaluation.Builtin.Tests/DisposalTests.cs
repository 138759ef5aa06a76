using EvoMerge.Core.Randomness;
using EvoMerge.Evaluation.Builtin.Tests.Support;
using EvoMerge.Models.Mlp;
using static TorchSharp.torch;

namespace EvoMerge.Evaluation.Builtin.Tests;

[CollectionDefinition(nameof(DisposalTests), DisableParallelization = true)]
public class DisposalCollection;

/// <summary>Counts live tensors process-wide, so it runs alone.</summary>
[Collection(nameof(DisposalTests))]
public class DisposalTests
{
    [Fact]
    public void Many_evaluations_leave_no_live_tensors_and_dispose_frees_the_resident_ones()
    {
        var rng = new Rng(3);
        var architecture = new MlpArchitecture(64, [32, 32], 10);
        var (model, _) = TinyModels.RandomWeights(architecture, rng, scale: 0.1);
        var data = TinyModels.RandomData(300, architecture.Inputs, architecture.Classes, rng);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var beforeConstruction = Tensor.TotalCount;
        var evaluator = new BuiltinClassifierEvaluator(new BuiltinClassifierOptions { Architecture = architecture, Data = data, BatchSize = 128 });
        evaluator.Evaluate(model, CancellationToken.None);   // warm-up: first calls may create lasting library state
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = Tensor.TotalCount;
        for (var i = 0; i < 200; i++)
        {
            evaluator.Evaluate(model, CancellationToken.None);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(before, Tensor.TotalCount);
        evaluator.Dispose();
        Assert.Equal(beforeConstruction, Tensor.TotalCount);
    }
}
