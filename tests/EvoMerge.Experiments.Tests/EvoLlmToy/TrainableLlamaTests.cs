using EvoMerge.Core.Randomness;
using EvoMerge.Experiments.EvoLlmToy;
using EvoMerge.Models.Llama;
using EvoMerge.Models.Tokenizers;
using static TorchSharp.torch;

namespace EvoMerge.Experiments.Tests.EvoLlmToy;

public sealed class TrainableLlamaTests
{
    static LlamaConfig Config(int keyValueHeads, bool tied) => new()
    {
        HiddenSize = 16,
        IntermediateSize = 24,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        NumKeyValueHeads = keyValueHeads,
        VocabSize = 30,
        RmsNormEps = 1e-5,
        TieWordEmbeddings = tied,
    };

    [Theory]
    [InlineData(4, false)]
    [InlineData(2, true)]
    public void ForwardEqualsLlamaModelForward(int keyValueHeads, bool tied)
    {
        using var scope = NewDisposeScope();
        var config = Config(keyValueHeads, tied);
        var weights = RandomLlamaWeights.Create(config, 21);
        using var trainable = new TrainableLlama(config, weights);
        using var model = LlamaModel.FromTensors(config, weights);
        var ids = randint(0, config.VocabSize, [3, 7], dtype: ScalarType.Int64, generator: new Generator(4));
        var expected = model.Forward(ids);
        var actual = trainable.Forward(ids);
        Assert.Equal(expected.shape, actual.shape);
        Assert.True(actual.allclose(expected, rtol: 1e-4, atol: 1e-5), $"max difference {(actual - expected).abs().max().item<float>()}");
        Assert.True(actual.requires_grad);
    }

    [Fact]
    public void RightPaddingDoesNotChangeTheRealTokensLogits()
    {
        using var scope = NewDisposeScope();
        var config = Config(4, false);
        var weights = RandomLlamaWeights.Create(config, 22);
        using var trainable = new TrainableLlama(config, weights);
        using var model = LlamaModel.FromTensors(config, weights);
        var ids = tensor(new long[] { 1, 5, 6, 7, 2, 1, 8, 9, 0, 0 }, [2, 5]);
        var mask = tensor(new long[] { 1, 1, 1, 1, 1, 1, 1, 1, 0, 0 }, [2, 5]);
        var expected = model.Forward(ids, mask);
        var actual = trainable.Forward(ids);
        Assert.True(actual[0].allclose(expected[0], rtol: 1e-4, atol: 1e-5));
        Assert.True(actual[1].narrow(0, 0, 3).allclose(expected[1].narrow(0, 0, 3), rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void ASavedFolderLoadsAsTheSameModel()
    {
        using var scope = NewDisposeScope();
        var lexicon = new ToyLexicon(6);
        var tokenizer = new WordLevelTokenizer(lexicon.Vocabulary.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i));
        var config = Config(4, false) with { VocabSize = tokenizer.VocabularySize };
        var weights = RandomLlamaWeights.Create(config, 23);
        using var trainable = new TrainableLlama(config, weights);
        var folder = Directory.CreateTempSubdirectory("toy-model-").FullName;
        try
        {
            var snapshot = trainable.Snapshot();
            ToyModelFolder.Write(folder, config, snapshot, tokenizer);
            using var loaded = LlamaModel.Load(folder);
            Assert.Equal(config, loaded.Config);
            var ids = tensor(new long[] { 1, 10, 11, 12 }, [1, 4]);
            Assert.True(loaded.Forward(ids).allclose(trainable.Forward(ids), rtol: 1e-4, atol: 1e-5));
            Assert.Equal(tokenizer.VocabularySize, WordLevelTokenizer.Load(Path.Combine(folder, WordLevelTokenizer.FileName)).VocabularySize);
            Assert.IsType<WordLevelTokenizer>(TokenizerLoader.Load(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ATinyTrainingRunReducesTheLossAndIsSeeded()
    {
        var generator = new ToyCorpusGenerator(TinyToyOptions.Corpus);
        var lexicon = generator.Lexicon;
        var tokenizer = new WordLevelTokenizer(lexicon.Vocabulary.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i));
        var rng = new Rng(12);
        var data = Enumerable.Range(0, 16).Select(_ => ToySequences.AnswerOnly(tokenizer, generator.Problem(ToyLanguage.Language1, rng))).ToList();
        var config = Config(4, false) with { VocabSize = tokenizer.VocabularySize, HiddenSize = 32, IntermediateSize = 48 };
        var options = new LmTrainingOptions { Steps = 60, BatchSize = 8, LearningRate = 1e-2, WarmupSteps = 5 };
        double[] Run()
        {
            var weights = RandomLlamaWeights.Create(config, 24);
            using var model = new TrainableLlama(config, weights);
            foreach (var tensor in weights.Values) tensor.Dispose();
            return LmTrainer.Train(model, data, options, new Rng(13));
        }

        var losses = Run();
        Assert.True(losses[^5..].Average() < 0.5 * losses[..5].Average(), $"loss went from {losses[..5].Average():F3} to {losses[^5..].Average():F3}");
        Assert.Equal(losses, Run());
    }

    [Fact]
    public void AnswerOnlySequencesScoreJustTheAnswerAndEos()
    {
        var lexicon = new ToyLexicon(10);
        var tokenizer = new WordLevelTokenizer(lexicon.Vocabulary.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i));
        var problem = new ToyProblem("q: tom has 3 apples . how many apples does tom have now ? a:", "3");
        var sequence = ToySequences.AnswerOnly(tokenizer, problem);
        Assert.Equal(1, sequence.Tokens[0]);
        Assert.Equal(2, sequence.Tokens[^1]);
        Assert.Equal(sequence.Tokens.Count - 1, sequence.Scored.Count);
        Assert.Equal([true, true], sequence.Scored.TakeLast(2));
        Assert.Equal(2, sequence.Scored.Count(s => s));
        Assert.All(ToySequences.Text(tokenizer, problem.Text).Scored, Assert.True);
        Assert.Throws<ArgumentException>(() => ToySequences.Text(tokenizer, "tom has 3 bananas ."));
    }

    [Fact]
    public void LearningRateWarmsUpThenDecaysToTheFinalRatio()
    {
        var options = new LmTrainingOptions { Steps = 100, LearningRate = 1.0, WarmupSteps = 10, FinalLearningRateRatio = 0.1 };
        Assert.Equal(0.1, options.LearningRateAt(0), 12);
        Assert.Equal(1.0, options.LearningRateAt(9), 12);
        Assert.Equal(0.1, options.LearningRateAt(100), 12);
        Assert.True(options.LearningRateAt(50) < options.LearningRateAt(20));
    }
}
