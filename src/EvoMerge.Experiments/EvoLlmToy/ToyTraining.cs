using System.Diagnostics;
using EvoMerge.Core.Randomness;
using EvoMerge.Models.Llama;
using EvoMerge.Models.Tokenizers;
using static TorchSharp.torch;

namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>
/// Trains the base on the mixed corpus from seeded random weights, then fine-tunes two copies of it: expert A on
/// language-1 problems, expert B on language-2 text. The target (language-2 problems) is never trained on.
/// </summary>
public static class ToyTraining
{
    public const string BaseStage = "base", ExpertAStage = "expert_a", ExpertBStage = "expert_b";

    public static ToyTrainedModels Train(EvoLlmToyOptions options, ToyCorpus corpus, WordLevelTokenizer tokenizer, Rng rng, IProgress<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(rng);
        options.Validate();
        var config = options.ModelConfig(tokenizer.VocabularySize);
        var baseData = corpus.BaseLines.Select(line => ToySequences.Text(tokenizer, line)).ToList();
        var expertAData = corpus.ExpertALines.Select(line => ExpertASequence(options, tokenizer, line)).ToList();
        var expertBData = corpus.ExpertBLines.Select(line => ToySequences.Text(tokenizer, line)).ToList();
        RequireFits(config, baseData.Concat(expertAData).Concat(expertBData));

        var losses = new Dictionary<string, double[]>();
        var seconds = new Dictionary<string, double>();
        var initial = RandomLlamaWeights.Create(config, rng.NextUInt64());
        Dictionary<string, Tensor>? baseWeights = null, expertA = null;
        try
        {
            baseWeights = Stage(BaseStage, config, initial, baseData, options.BaseTraining, rng.Fork(), losses, seconds, log);
            expertA = Stage(ExpertAStage, config, baseWeights, expertAData, options.ExpertATraining, rng.Fork(), losses, seconds, log);
            var expertB = Stage(ExpertBStage, config, baseWeights, expertBData, options.ExpertBTraining, rng.Fork(), losses, seconds, log);
            return new ToyTrainedModels(baseWeights, expertA, expertB, losses, seconds);
        }
        catch
        {
            foreach (var weights in new[] { baseWeights, expertA })
                foreach (var tensor in weights?.Values ?? Enumerable.Empty<Tensor>())
                    tensor.Dispose();
            throw;
        }
        finally
        {
            foreach (var tensor in initial.Values) tensor.Dispose();
        }
    }

    static LmSequence ExpertASequence(EvoLlmToyOptions options, WordLevelTokenizer tokenizer, string line)
    {
        if (!options.ExpertAAnswerOnly) return ToySequences.Text(tokenizer, line);
        int marker = line.LastIndexOf($" {ToyLexicon.AnswerMarker} ", StringComparison.Ordinal);
        if (marker < 0) throw new ArgumentException($"expert A line without an answer marker: '{line}'.");
        int answerStart = marker + ToyLexicon.AnswerMarker.Length + 2;
        return ToySequences.AnswerOnly(tokenizer, new ToyProblem(line[..(answerStart - 1)], line[answerStart..]));
    }

    static Dictionary<string, Tensor> Stage(
        string name, LlamaConfig config, IReadOnlyDictionary<string, Tensor> start, IReadOnlyList<LmSequence> data, LmTrainingOptions training,
        Rng rng, Dictionary<string, double[]> losses, Dictionary<string, double> seconds, IProgress<string>? log)
    {
        var clock = Stopwatch.StartNew();
        using var model = new TrainableLlama(config, start);
        losses[name] = LmTrainer.Train(model, data, training, rng, log, name);
        seconds[name] = clock.Elapsed.TotalSeconds;
        log?.Report($"{name}: {training.Steps} steps in {seconds[name]:F1} s, final loss {losses[name][^1]:F4}");
        return model.Snapshot();
    }

    static void RequireFits(LlamaConfig config, IEnumerable<LmSequence> sequences)
    {
        int longest = sequences.Max(s => s.Tokens.Count);
        if (longest > config.MaxPositionEmbeddings)
            throw new ArgumentException($"a training sequence has {longest} tokens, more than MaxPositions ({config.MaxPositionEmbeddings}).");
    }
}
