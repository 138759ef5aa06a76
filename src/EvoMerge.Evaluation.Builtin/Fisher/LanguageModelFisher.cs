using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Models.Llama;
using EvoMerge.Models.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoMerge.Evaluation.Builtin.Fisher;

/// <summary>
/// The empirical diagonal Fisher information of a causal language model (Matena and Raffel 2022, the variant
/// they use for LMs): F = 1/N sum_n (d log p(target_n | context_n) / d theta)^2, elementwise, where each example's
/// log-likelihood is the sum over its target tokens. One forward and backward pass per example, in float32 with
/// TorchSharp autograd: the squared gradient is per example, so examples cannot share a backward pass.
/// </summary>
public static class LanguageModelFisher
{
    /// <summary>
    /// The Fisher of every weight of the model <paramref name="weights"/> make up under <paramref name="config"/>,
    /// by tensor name, in checkpoint order (no lm_head entry when the embeddings are tied: the embedding's Fisher
    /// then covers both of its uses).
    /// </summary>
    /// <exception cref="FatalEvaluationException">The weights do not fit the config, or a token id is outside the vocabulary.</exception>
    /// <exception cref="EvaluationFailedException">A gradient is not finite.</exception>
    internal static IReadOnlyList<(string Name, long[] Shape, float[] Values)> Estimate(
        MergedModel weights, LlamaConfig config, IReadOnlyList<ScoringRequest> requests, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
            throw new ArgumentException("the Fisher needs at least one example.", nameof(requests));
        var problems = LlamaTensorCheck.FindProblems(config, weights.Specs());
        if (problems.Count > 0)
            throw new FatalEvaluationException($"the weights do not fit the model's config:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");
        long highest = requests.SelectMany(r => r.Ids).Max();
        if (highest >= config.VocabSize)
            throw new FatalEvaluationException($"the tokenizer produces token id {highest}, but the model's vocabulary has {config.VocabSize} entries.");

        using var scope = NewDisposeScope();
        var names = LlamaTensorNames.Expected(config).Select(e => e.Name).ToArray();
        // Leaf tensors that require gradients before the model is built, so views of fused weights (Phi-3) are tracked too.
        var copies = new List<Tensor>();
        try
        {
            var parameters = names.ToDictionary(n => n, n => Float32Leaf(weights.Tensors[n], copies), StringComparer.Ordinal);
            return Estimate(config, names, parameters, requests, ct);
        }
        finally
        {
            copies.ForEach(t => t.Dispose());
        }
    }

    static IReadOnlyList<(string Name, long[] Shape, float[] Values)> Estimate(
        LlamaConfig config, string[] names, Dictionary<string, Tensor> parameters, IReadOnlyList<ScoringRequest> requests, CancellationToken ct)
    {
        using var model = LlamaModel.FromTensors(config, parameters, new LlamaLoadOptions { DType = ScalarType.Float32 });
        using var held = new HeldScalars();
        var inputs = names.Select(n => parameters[n]).ToArray();
        var sums = inputs.Select(p => zeros_like(p, requires_grad: false)).ToArray();
        foreach (var request in requests)
        {
            ct.ThrowIfCancellationRequested();
            using var exampleScope = NewDisposeScope();
            var logLikelihood = TargetLogLikelihood(model, request);
            var gradients = autograd.grad([logLikelihood], inputs);
            for (int i = 0; i < inputs.Length; i++)
                sums[i].add_(gradients[i].pow(held[2]), held[1]);
        }

        var result = new List<(string, long[], float[])>(names.Length);
        for (int i = 0; i < names.Length; i++)
        {
            var values = sums[i].div_(held[requests.Count]).contiguous().data<float>().ToArray();
            if (values.Any(v => !float.IsFinite(v)))
                throw new EvaluationFailedException($"the Fisher of tensor '{names[i]}' is not finite (a gradient overflowed); check the model's weights.");
            result.Add((names[i], inputs[i].shape, values));
        }
        return result;
    }

    /// <summary>Summed log-probability of the request's target tokens, each given the tokens before it (one unpadded row).</summary>
    static Tensor TargetLogLikelihood(LlamaModel model, ScoringRequest request)
    {
        int length = request.Ids.Length, start = request.ContinuationStart;
        var ids = tensor(request.Ids, [1, length]);
        var logits = model.ForwardWithGradients(ids)[0];
        // Token t is predicted at slot t - 1.
        var predicting = logits.narrow(0, start - 1, length - start);
        var targets = ids[0].narrow(0, start, length - start).unsqueeze(-1);
        return nn.functional.log_softmax(predicting, -1).gather(-1, targets).sum();
    }

    /// <summary>A float32 copy that requires gradients; <paramref name="copies"/> gets every tensor made, to be disposed.</summary>
    static Tensor Float32Leaf(MergedTensor source, List<Tensor> copies)
    {
        var raw = MergedTensorCopy.ToTorch(source);
        copies.Add(raw);
        if (raw.dtype == ScalarType.Float32)
            return raw.requires_grad_(true);
        var wide = raw.to_type(ScalarType.Float32).DetachFromDisposeScope();
        copies.Add(wide);
        return wide.requires_grad_(true);
    }
}
