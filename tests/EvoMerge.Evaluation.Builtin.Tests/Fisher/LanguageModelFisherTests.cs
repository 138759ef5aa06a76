using EvoMerge.Evaluation.Builtin.Fisher;
using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Evaluation.Builtin.Tests.Language;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Models.Llama;
using static TorchSharp.torch;

namespace EvoMerge.Evaluation.Builtin.Tests.Fisher;

/// <summary>
/// The empirical Fisher of a tiny Llama against an independent estimate: central finite differences of each
/// example's target log-likelihood, computed with the model's ordinary (no-gradient) forward pass and an explicit
/// float64 log_softmax, then squared and averaged.
/// </summary>
public class LanguageModelFisherTests
{
    static readonly LanguageExample[] Examples =
    [
        new MultipleChoiceExample("what is one plus two ?", ["three", "four"], 0),
        new MultipleChoiceExample("the cat sat on a", ["dog", "mat"], 1),
        new GenerationExample("Q: one plus two A:", "3"),
        new PerplexityExample("the dog ran far away"),
    ];

    /// <summary>The context and target of each example, written out by hand (delimiter " ").</summary>
    static readonly (string Context, string? Target)[] Written =
    [
        ("what is one plus two ?", "three"),
        ("the cat sat on a", "mat"),
        ("Q: one plus two A:", "3"),
        ("the dog ran far away", null),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Each_fisher_entry_is_the_mean_squared_gradient_of_the_targets_log_likelihood(bool tied)
    {
        var config = TinyLm.Config(tied);
        using var weights = TinyLm.Merged(seed: 5, config);
        var requests = FisherTargets.Build(Examples, TinyLm.Tokenizer, new PromptTemplate(), addBos: true);
        var fisher = LanguageModelFisher.Estimate(weights, config, requests, CancellationToken.None).ToDictionary(t => t.Name);

        Assert.Equal(LlamaTensorNames.Expected(config).Select(e => e.Name), fisher.Keys);
        string[] probed = [LlamaTensorNames.Embedding, "model.layers.0.self_attn.q_proj.weight", "model.layers.1.mlp.down_proj.weight",
            "model.layers.1.input_layernorm.weight", LlamaTensorNames.FinalNorm, tied ? LlamaTensorNames.Embedding : LlamaTensorNames.LmHead];
        foreach (var name in probed.Distinct())
        {
            var values = fisher[name].Values;
            Assert.Equal(weights.Tensors[name].Float32Values.Length, values.Length);
            Assert.All(values, v => Assert.True(v >= 0 && float.IsFinite(v)));
            // The largest entry (surely not 0) and one fixed entry.
            int largest = Array.IndexOf(values, values.Max());
            foreach (int index in new[] { largest, values.Length / 3 })
            {
                double expected = FiniteDifferenceFisher(weights, config, name, index);
                Assert.True(Math.Abs(values[index] - expected) <= 0.03 * expected + 1e-6,
                    $"{name}[{index}]: autograd {values[index]}, finite differences {expected}");
            }
        }
    }

    [Fact]
    public void The_targets_are_the_correct_choice_the_answer_and_the_whole_text()
    {
        var requests = FisherTargets.Build(Examples, TinyLm.Tokenizer, new PromptTemplate(), addBos: true);
        for (int i = 0; i < Written.Length; i++)
        {
            var (context, target) = Written[i];
            Assert.Equal(TinyLm.Ids(target is null ? context : context + " " + target), requests[i].Ids);
            Assert.Equal(target is null ? 1 : TinyLm.Ids(context).Length, requests[i].ContinuationStart);
        }
    }

    [Fact]
    public void A_token_id_outside_the_vocabulary_is_fatal_and_explained()
    {
        var small = TinyLm.Config() with { VocabSize = 10 };
        using var weights = TinyLm.Merged(seed: 1, small);
        var requests = FisherTargets.Build(Examples, TinyLm.Tokenizer, new PromptTemplate(), addBos: true);
        var e = Assert.Throws<FatalEvaluationException>(() => LanguageModelFisher.Estimate(weights, small, requests, CancellationToken.None));
        Assert.Contains("vocabulary has 10 entries", e.Message);
    }

    /// <summary>1/N sum_n (dL_n/dw)^2 with dL_n/dw = (L_n(w + h) - L_n(w - h)) / 2h.</summary>
    static double FiniteDifferenceFisher(MergedModel weights, LlamaConfig config, string name, int index)
    {
        const float h = 4e-3f;
        var original = weights.Tensors[name].Float32Values.ToArray();
        double[] LogLikelihoods(float delta)
        {
            var values = (float[])original.Clone();
            values[index] += delta;
            var shape = weights.Tensors[name].ToSpec(name).Shape.ToArray();
            var perturbed = new MergedModel(weights.Tensors.Select(t => t.Key == name ? new(t.Key, MergedTensor.FromFloat32(values, shape)) : t));
            using var built = MergedLlama.Build(perturbed, config);
            return Written.Select(w => w.Target is null
                ? TinyLm.TokenLogProbs(built.Model, TinyLm.Ids(w.Context)).Sum()
                : TinyLm.ContinuationLogLikelihood(built.Model, w.Context, w.Target)).ToArray();
        }

        var up = LogLikelihoods(h);
        var down = LogLikelihoods(-h);
        return up.Zip(down, (u, d) => Math.Pow((u - d) / (2 * h), 2)).Average();
    }
}
