using EvoMerge.Models.Llama;
using EvoMerge.Search.DataFlow;
using static TorchSharp.torch;

namespace EvoMerge.Search.Tests.DataFlow;

public sealed class DataFlowViewTests : IDisposable
{
    readonly ModelPool _pool = new();

    public void Dispose() => _pool.Dispose();

    [Fact]
    public void The_start_reproduces_the_first_source_exactly()
    {
        var a = _pool.Random(ModelPool.Config(layers: 3), seed: 1);
        var b = _pool.Random(ModelPool.Config(layers: 2), seed: 2);
        var sources = DataFlowSources.FromModels([a, b]);
        var genome = sources.CreateGenome();

        var view = sources.View(genome.Decode(genome.Start()));

        Logits.AssertIdentical(a, view);
        using var scope = NewDisposeScope();
        var (ids, mask) = Logits.Batch();
        var options = new GenerationOptions { MaxNewTokens = 4 };
        Assert.Equal(a.GenerateGreedy(ids, mask, options)[1].Tokens, view.GenerateGreedy(ids, mask, options)[1].Tokens);
    }

    [Fact]
    public void With_the_second_source_as_head_its_start_reproduces_it()
    {
        var a = _pool.Random(ModelPool.Config(layers: 3), seed: 1);
        var b = _pool.Random(ModelPool.Config(layers: 2, tied: true), seed: 2);
        var sources = DataFlowSources.FromModels([a, b], headIndex: 1);
        var genome = sources.CreateGenome();

        Logits.AssertIdentical(b, sources.View(genome.Decode(genome.Start(1))));
    }

    [Fact]
    public void Genes_reach_the_model_a_decoded_path_across_sources_with_scales()
    {
        var a = _pool.Random(ModelPool.Config(layers: 3), seed: 3);
        var b = _pool.Random(ModelPool.Config(layers: 2), seed: 4);
        var sources = DataFlowSources.FromModels([a, b]);
        var genome = sources.CreateGenome();
        var genes = genome.Start();
        Array.Fill(genes, -1.0, 0, genome.Slots);
        genes[0] = genes[4] = genes[6] = 1; // a0, b1, a1 (second repeat)
        genes[genome.ScaleGene(0, 4)] = 0.5;
        genes[genome.ScaleGene(4, 1)] = 1.5;

        var view = sources.View(genome.Decode(genes));
        var explicitPath = LayerPathModel.FromModels(a, [a, b], new LayerPath([0, 4, 1], [1f, 0.5f, 1.5f]));
        Logits.AssertIdentical(explicitPath, view);

        // The scaling genes matter: the same hops with scale 1 give other logits.
        genes[genome.ScaleGene(0, 4)] = genes[genome.ScaleGene(4, 1)] = 1;
        Assert.True(Logits.MaxDifference(view, sources.View(genome.Decode(genes))) > 1e-3);
    }

    [Fact]
    public void Ps_plus_dfs_a_merged_model_in_memory_is_a_source_like_any_other()
    {
        var a = _pool.Random(ModelPool.Config(layers: 2), seed: 5);
        var b = _pool.Random(ModelPool.Config(layers: 2), seed: 6);
        var merged = _pool.Average(a, b);
        var sources = new DataFlowSources([new("a", a), new("b", b), new("ps_merge", merged)], headIndex: 2);
        var genome = sources.CreateGenome();
        Assert.Equal(6, genome.TotalLayers);

        // Start at the merged model: exactly the merged model.
        Logits.AssertIdentical(merged, sources.View(genome.Decode(genome.Start(2))));

        // A path mixing the merged model's layers with a source's: merged layer 0 (slot 4), then in the
        // second repeat a's layer 1 (slot 7) and merged layer 1 (slot 11).
        var genes = genome.Start(2);
        genes[5] = -1;
        genes[7] = 1;
        genes[11] = 1;
        var path = genome.Decode(genes);
        Assert.Equal(new[] { 4, 1, 5 }, path.Layers);
        var view = sources.View(path);
        var expected = LayerPathModel.FromModels(merged, [a, b, merged], path);
        Logits.AssertIdentical(expected, view);
        Assert.True(Logits.MaxDifference(view, merged) > 1e-3);
    }

    [Fact]
    public void Sources_that_do_not_fit_the_head_are_refused_at_construction()
    {
        var a = _pool.Random(ModelPool.Config(layers: 2), seed: 7);
        var wide = _pool.Random(ModelPool.Config(layers: 2, hidden: 32), seed: 8);
        Assert.Contains("hidden", Assert.Throws<ArgumentException>(() => DataFlowSources.FromModels([a, wide])).Message);
        var bf16 = _pool.Random(ModelPool.Config(layers: 2), seed: 9, ScalarType.BFloat16);
        Assert.Throws<ArgumentException>(() => DataFlowSources.FromModels([a, bf16]));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataFlowSources.FromModels([a], headIndex: 1));
        Assert.Throws<ArgumentException>(() => new DataFlowSources([new("x", a), new("x", a)]));
    }
}
