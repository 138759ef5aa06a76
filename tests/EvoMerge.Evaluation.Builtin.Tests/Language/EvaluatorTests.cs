using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Models.Llama;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using static TorchSharp.torch;

namespace EvoMerge.Evaluation.Builtin.Tests.Language;

public class EvaluatorTests
{
    private static readonly PerplexityExample[] Texts = [new("the cat sat on a mat"), new("the dog ran far away"), new("one plus two is three")];

    private static LanguageTaskEvaluator Evaluator(LlamaConfig? config = null, ScalarType dtype = ScalarType.Float32) => new(new LanguageEvaluatorOptions
    {
        Task = TinyLm.Options(LanguageTaskKind.Perplexity, Texts),
        ModelConfig = config ?? TinyLm.Config(),
        DType = dtype,
    });

    [Fact]
    public void Evaluating_merged_tensors_equals_scoring_the_model_built_from_them()
    {
        using var evaluator = Evaluator();
        var merged = TinyLm.Merged(seed: 9);
        var result = evaluator.Evaluate(merged, CancellationToken.None);
        using var built = MergedLlama.Build(merged, TinyLm.Config());
        var direct = evaluator.Score(built.Model, CancellationToken.None);
        Assert.Equal(direct.PerExampleScores!, result.PerExampleScores!);
        Assert.Equal(direct.Metrics["neg_nll"], result.Metrics["neg_nll"]);
        Assert.Equal(["neg_nll", "neg_perplexity"], result.Metrics.Keys.Order());
    }

    [Fact]
    public void A_layer_path_view_is_scored_like_the_model_it_reproduces()
    {
        using var evaluator = Evaluator();
        using var built = TinyLm.Build(seed: 9);
        var view = LayerPathModel.FromModels(built.Model, [built.Model], LayerPath.Identity(built.Model.Config.NumHiddenLayers));
        var plain = evaluator.Score(built.Model, CancellationToken.None);
        var viaPath = evaluator.Score(view, CancellationToken.None);
        Assert.Equal(plain.PerExampleScores!, viaPath.PerExampleScores!);
    }

    [Fact]
    public void Bfloat16_tensors_are_read_exactly_and_bfloat16_execution_stays_close()
    {
        var merged = TinyLm.Merged(seed: 9);
        var (bf16, roundedF32) = Bfloat16Copies(merged);
        using var evaluator = Evaluator();
        Assert.Equal(evaluator.Evaluate(roundedF32, CancellationToken.None).PerExampleScores!,
                     evaluator.Evaluate(bf16, CancellationToken.None).PerExampleScores!);

        using var bf16Evaluator = Evaluator(dtype: ScalarType.BFloat16);
        var full = evaluator.Evaluate(merged, CancellationToken.None).Metrics["neg_nll"];
        var low = bf16Evaluator.Evaluate(merged, CancellationToken.None).Metrics["neg_nll"];
        Assert.Equal(full, low, 0.15);
    }

    [Fact]
    public void Tied_embeddings_need_no_head_and_tolerate_a_stored_copy()
    {
        var tied = TinyLm.Config(tied: true);
        using var evaluator = Evaluator(tied);
        var merged = TinyLm.Merged(seed: 4, tied);
        Assert.DoesNotContain(LlamaTensorNames.LmHead, merged.Tensors.Keys);
        var result = evaluator.Evaluate(merged, CancellationToken.None);
        var embedding = merged.Tensors[LlamaTensorNames.Embedding];
        var withCopy = new MergedModel(merged.Tensors.Append(new(LlamaTensorNames.LmHead, embedding)));
        Assert.Equal(result.PerExampleScores!, evaluator.Evaluate(withCopy, CancellationToken.None).PerExampleScores!);
    }

    [Fact]
    public void Missing_and_misshaped_tensors_are_fatal_and_named()
    {
        using var evaluator = Evaluator();
        var merged = TinyLm.Merged(seed: 9);
        const string dropped = "model.layers.1.mlp.up_proj.weight";
        const string reshaped = "model.layers.0.self_attn.k_proj.weight";
        var broken = new MergedModel(merged.Tensors
            .Where(t => t.Key != dropped)
            .Select(t => t.Key == reshaped ? new(t.Key, MergedTensor.FromFloat32(t.Value.Float32Values.ToArray(), 16, 8)) : t)
            .Append(new("model.layers.2.input_layernorm.weight", MergedTensor.FromFloat32(new float[16], 16))));
        var error = Assert.Throws<FatalEvaluationException>(() => evaluator.Evaluate(broken, CancellationToken.None));
        Assert.StartsWith("tiny-task: the merged model does not fit the Llama config", error.Message);
        Assert.Contains($"tensor '{dropped}' ([24, 16]) is missing", error.Message);
        Assert.Contains($"tensor '{reshaped}' has shape [16, 8], the config calls for [8, 16]", error.Message);
        Assert.Contains("tensor 'model.layers.2.input_layernorm.weight' is not part of the model", error.Message);
        Assert.Equal(3, evaluator.FindProblems(broken.Specs()).Count);
        Assert.Empty(evaluator.FindProblems(merged.Specs()));
        var trial = EvaluationGuard.Run(evaluator, merged, CancellationToken.None);
        Assert.IsType<TrialEvaluation.Completed>(trial);
    }

    [Fact]
    public void Unsupported_dtypes_are_named_by_find_problems()
    {
        using var evaluator = Evaluator();
        var specs = TinyLm.Merged(seed: 9).Specs()
            .Select(s => s.Name == LlamaTensorNames.FinalNorm ? new TensorSpec(s.Name, SafeTensorDType.I32, s.Shape.ToArray()) : s).ToList();
        var problem = Assert.Single(evaluator.FindProblems(specs));
        Assert.Contains($"tensor '{LlamaTensorNames.FinalNorm}' is I32", problem);
    }

    [Fact]
    public void Non_finite_log_likelihoods_fail_the_trial_not_the_run()
    {
        using var evaluator = Evaluator();
        var merged = TinyLm.Merged(seed: 9);
        var poisoned = new MergedModel(merged.Tensors.Select(t => t.Key == LlamaTensorNames.FinalNorm
            ? new(t.Key, MergedTensor.FromFloat32(Enumerable.Repeat(float.NaN, 16).ToArray(), 16))
            : t));
        var error = Assert.Throws<EvaluationFailedException>(() => evaluator.Evaluate(poisoned, CancellationToken.None));
        Assert.Contains("tiny-task: the log-likelihood of example is not finite (NaN)", error.Message);
        Assert.IsType<TrialEvaluation.Failed>(EvaluationGuard.Run(evaluator, poisoned, CancellationToken.None));
    }

    [Fact]
    public void A_model_vocabulary_smaller_than_the_tokenizer_is_fatal()
    {
        var small = TinyLm.Config() with { VocabSize = 10 };
        using var evaluator = Evaluator(small);
        var error = Assert.Throws<FatalEvaluationException>(() => evaluator.Evaluate(TinyLm.Merged(seed: 1, small), CancellationToken.None));
        Assert.Contains("but the model's vocabulary has 10 entries", error.Message);
    }

    [Fact]
    public void Cancellation_and_disposal_stop_evaluation()
    {
        var evaluator = Evaluator();
        var merged = TinyLm.Merged(seed: 9);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => evaluator.Evaluate(merged, cancelled.Token));
        evaluator.Dispose();
        Assert.Throws<ObjectDisposedException>(() => evaluator.Evaluate(merged, CancellationToken.None));
    }

    [Fact]
    public void Bad_evaluator_options_are_refused()
    {
        Assert.Contains("Float32 or BFloat16", Assert.Throws<ArgumentException>(() => Evaluator(dtype: ScalarType.Float16)).Message);
        Assert.Contains("hidden_size", Assert.Throws<ArgumentException>(() => Evaluator(TinyLm.Config() with { HiddenSize = 0 })).Message);
    }

    /// <summary>The model with every tensor as BF16 bytes (truncated), and the same values widened back to F32.</summary>
    private static (MergedModel Bf16, MergedModel RoundedF32) Bfloat16Copies(MergedModel model)
    {
        var bf16 = new List<KeyValuePair<string, MergedTensor>>();
        var rounded = new List<KeyValuePair<string, MergedTensor>>();
        foreach (var (name, tensor) in model.Tensors)
        {
            var values = tensor.Float32Values;
            var bytes = new byte[values.Length * 2];
            var widened = new float[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var bits = (ushort)(BitConverter.SingleToInt32Bits(values[i]) >> 16);
                BitConverter.TryWriteBytes(bytes.AsSpan(i * 2), bits);
                widened[i] = BitConverter.Int32BitsToSingle(bits << 16);
            }

            bf16.Add(new(name, MergedTensor.FromBytes(SafeTensorDType.BF16, tensor.ShapeArray(), bytes)));
            rounded.Add(new(name, MergedTensor.FromFloat32(widened, tensor.ShapeArray())));
        }

        return (new MergedModel(bf16), new MergedModel(rounded));
    }
}
