using EvoMerge.Merging.Config;
using EvoMerge.Merging.Planning;
using EvoMerge.Merging.Samples;

namespace EvoMerge.Merging.Tests.Planning;

/// <summary>Every problem is found from headers alone and reported together.</summary>
public class MergePlannerValidationTests : IDisposable
{
    readonly TempFolder _dir = new();

    public MergePlannerValidationTests()
    {
        var shape = new TinyLlamaShape();
        TinyLlamaCheckpoints.Write(_dir.Combine("base"), shape, 1);
        TinyLlamaCheckpoints.Write(_dir.Combine("a"), shape, 1, 2);
        TinyLlamaCheckpoints.Write(_dir.Combine("b"), shape, 1, 3);
        TinyLlamaCheckpoints.Write(_dir.Combine("deep"), shape with { Layers = 3 }, 1, 4);
        TinyLlamaCheckpoints.Write(_dir.Combine("wide"), shape with { Hidden = 20 }, 1, 5);
        TinyLlamaCheckpoints.Write(_dir.Combine("bigvocab"), shape with { Vocab = 40 }, 1, 6);
    }

    public void Dispose() => _dir.Dispose();

    MergeConfigException Fails(string yaml) =>
        Assert.Throws<MergeConfigException>(() => MergePlanner.Plan(MergeConfigParser.Parse(yaml, _dir.Path)));

    [Fact]
    public void Unknown_method_lists_the_valid_ones()
    {
        var e = Fails("merge_method: tie\nmodels:\n  - model: a\n");
        Assert.Contains(e.Problems, p => p.Contains("'tie'") && p.Contains("ties") && p.Contains("slerp") && p.Contains("model_stock"));
    }

    [Fact]
    public void Collects_unknown_parameter_range_errors_and_missing_base_together()
    {
        var e = Fails("""
            merge_method: ties
            models:
              - model: a
                parameters: {weight: 0.5, density: 1.5, bogus: 1}
              - model: b
                parameters: {weight: 0.5, density: 0}
            """);
        Assert.Contains(e.Problems, p => p.Contains("models[0].parameters.density") && p.Contains("1.5"));
        Assert.Contains(e.Problems, p => p.Contains("models[1].parameters.density"));
        Assert.Contains(e.Problems, p => p.Contains("bogus") && p.Contains("weight"));
        Assert.Contains(e.Problems, p => p.Contains("base_model"));
        Assert.True(e.Problems.Count >= 4);
    }

    [Fact]
    public void Missing_required_weight_names_the_model()
    {
        var e = Fails("merge_method: task_arithmetic\nbase_model: base\nmodels:\n  - model: a\n    parameters: {weight: 1}\n  - model: b\n");
        Assert.Contains(e.Problems, p => p.Contains(_dir.Combine("b")) && p.Contains("'weight'"));
    }

    [Fact]
    public void Slerp_needs_exactly_two_models()
    {
        var e = Fails("merge_method: slerp\nbase_model: base\nparameters: {t: 0.5}\nmodels:\n  - model: base\n  - model: a\n  - model: b\n");
        Assert.Contains(e.Problems, p => p.Contains("exactly 2"));
    }

    [Fact]
    public void Missing_model_paths_are_all_reported()
    {
        var e = Fails("merge_method: linear\nmodels:\n  - model: nowhere1\n    parameters: {weight: 1}\n  - model: nowhere2\n    parameters: {weight: 1}\n");
        Assert.Contains(e.Problems, p => p.Contains("nowhere1") && p.Contains("not found"));
        Assert.Contains(e.Problems, p => p.Contains("nowhere2") && p.Contains("not found"));
    }

    [Fact]
    public void Different_layer_counts_name_the_models()
    {
        var e = Fails("merge_method: linear\nmodels:\n  - model: a\n    parameters: {weight: 1}\n  - model: deep\n    parameters: {weight: 1}\n");
        Assert.Contains(e.Problems, p => p.Contains("layer counts") && p.Contains("deep"));
    }

    [Fact]
    public void Different_shapes_name_the_tensor_and_models()
    {
        var e = Fails("merge_method: linear\nmodels:\n  - model: a\n    parameters: {weight: 1}\n  - model: wide\n    parameters: {weight: 1}\n");
        Assert.Contains(e.Problems, p => p.Contains("model.layers.0.self_attn.q_proj.weight") && p.Contains("wide"));
    }

    [Fact]
    public void Different_vocabulary_sizes_use_the_common_rows_with_a_warning()
    {
        var plan = MergePlanner.Plan(MergeConfigParser.Parse("merge_method: linear\nmodels:\n  - model: a\n    parameters: {weight: 1}\n  - model: bigvocab\n    parameters: {weight: 1}\n", _dir.Path));
        var embed = plan.Tensors.Single(t => t.OutputName == "model.embed_tokens.weight");
        Assert.Equal(32, embed.CropRows);
        Assert.Equal(new long[] { 32, 16 }, embed.Shape);
        Assert.Contains(plan.Warnings, w => w.Contains("embed_tokens"));
    }

    [Fact]
    public void Slice_range_past_the_model_is_reported()
    {
        var e = Fails("merge_method: passthrough\nslices:\n  - sources:\n      - model: a\n        layer_range: [0, 5]\n");
        Assert.Contains(e.Problems, p => p.Contains("slices[0].sources[0].layer_range") && p.Contains("2 layers"));
    }

    [Fact]
    public void Della_checks_density_and_epsilon_together()
    {
        var e = Fails("merge_method: della\nbase_model: base\nmodels:\n  - model: a\n    parameters: {weight: 1, density: 0.9, epsilon: 0.2}\n");
        Assert.Contains(e.Problems, p => p.Contains("epsilon"));
    }

    [Fact]
    public void Gradients_follow_layer_position_and_precedence()
    {
        var plan = MergePlanner.Plan(MergeConfigParser.Parse("""
            merge_method: task_arithmetic
            base_model: base
            parameters:
              weight: 0.9
            models:
              - model: a
                parameters:
                  weight: [0.0, 1.0]
              - model: b
            """, _dir.Path));
        double WeightOf(string tensor, string model) =>
            plan.Tensors.Single(t => t.OutputName == tensor).Inputs.Single(i => i.Model == _dir.Combine(model)).Parameters["weight"];
        Assert.Equal(0.0, WeightOf("model.embed_tokens.weight", "a"));        // embeddings: t = 0
        Assert.Equal(0.0, WeightOf("model.layers.0.mlp.up_proj.weight", "a")); // first of 2 layers
        Assert.Equal(1.0, WeightOf("model.layers.1.mlp.up_proj.weight", "a")); // last layer
        Assert.Equal(0.0, WeightOf("lm_head.weight", "a"));                    // head: t = 0, as mergekit
        Assert.Equal(0.0, WeightOf("model.norm.weight", "a"));                 // final norm: t = 0 too
        Assert.Equal(0.9, WeightOf("model.layers.0.mlp.up_proj.weight", "b")); // falls back to the global value
    }

    [Fact]
    public void Passthrough_slices_stack_and_renumber_layers()
    {
        var plan = MergePlanner.Plan(MergeConfigParser.Parse("""
            merge_method: passthrough
            slices:
              - sources:
                  - model: a
                    layer_range: [0, 2]
              - sources:
                  - model: b
                    layer_range: [1, 2]
            """, _dir.Path));
        Assert.Equal(3, plan.OutputLayerCount);
        var l2 = plan.Tensors.Single(t => t.OutputName == "model.layers.2.mlp.up_proj.weight");
        Assert.Equal("model.layers.1.mlp.up_proj.weight", l2.Inputs.Single().TensorName);
        Assert.Equal(_dir.Combine("b"), l2.Inputs.Single().Model);
        Assert.Equal("model.embed_tokens.weight", plan.Tensors[0].OutputName);
        Assert.Equal("lm_head.weight", plan.Tensors[^1].OutputName);
    }
}
