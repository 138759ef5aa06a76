using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EvoMerge.Core.IO;
using EvoMerge.Core.Randomness;
using EvoMerge.Experiments.Assets;
using EvoMerge.Models.Tokenizers;

namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>
/// Makes the inputs of the evollm-toy experiment: the synthetic two-language corpus, the task files (target:
/// language-2 arithmetic, dev and test, never trained on; source 1: language-1 arithmetic; source 2: language-2
/// story cloze and perplexity) and three trained Llama folders (base, expert A, expert B). Deterministic for given
/// options on one CPU setup (seeded; float32).
/// </summary>
public static class EvoLlmToyAssets
{
    /// <summary>
    /// Writes the assets into <paramref name="folder"/>, or reuses them when its manifest matches the options and the
    /// files. Everything is built in a staging folder beside it and swapped in at the end, so an interrupted prepare
    /// never leaves partial assets. Not safe for two processes preparing the same folder at once.
    /// </summary>
    /// <exception cref="IOException"><paramref name="folder"/> exists, is not empty and holds no evollm-toy manifest (it is never overwritten).</exception>
    public static EvoLlmToyAssetPaths Prepare(string folder, EvoLlmToyOptions options, IProgress<string>? log = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var target = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        if (EvoLlmToyManifest.Matches(target, options))
        {
            log?.Report($"evollm-toy: reusing the assets in {target}");
            return EvoLlmToyAssetPaths.In(target, reused: true);
        }

        ReplaceableAssetFolder.Require(target, EvoLlmToyAssetPaths.ManifestFileName, "an evollm-toy assets folder");
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        StagedFolder.RemoveStale(target);
        using (var staged = StagedFolder.Begin(target))
        {
            var clock = Stopwatch.StartNew();
            Build(staged.Path, options, log);
            staged.Commit(fsync: true);
            log?.Report($"evollm-toy: assets written to {target} in {clock.Elapsed.TotalSeconds:F1} s");
        }

        return EvoLlmToyAssetPaths.In(target, reused: false);
    }

    static void Build(string staging, EvoLlmToyOptions options, IProgress<string>? log)
    {
        var rng = new Rng(options.Seed);
        var generator = new ToyCorpusGenerator(options.Corpus);
        var corpus = generator.Generate(rng.Fork());
        var lexicon = generator.Lexicon;
        var tokenizer = new WordLevelTokenizer(lexicon.Vocabulary.Select((word, id) => (word, id)).ToDictionary(p => p.word, p => p.id, StringComparer.Ordinal));
        var paths = EvoLlmToyAssetPaths.In(staging, reused: false);

        ToyTaskFiles.WriteLines(paths.BaseCorpus, corpus.BaseLines);
        ToyTaskFiles.WriteLines(paths.ExpertACorpus, corpus.ExpertALines);
        ToyTaskFiles.WriteLines(paths.ExpertBCorpus, corpus.ExpertBLines);
        ToyTaskFiles.WriteGeneration(paths.TargetDev, corpus.TargetDev);
        ToyTaskFiles.WriteGeneration(paths.TargetTest, corpus.TargetTest);
        ToyTaskFiles.WriteGeneration(paths.Source1Dev, corpus.Source1Dev);
        ToyTaskFiles.WriteGeneration(paths.Source1Test, corpus.Source1Test);
        ToyTaskFiles.WriteChoices(paths.Source2Dev, corpus.Source2Dev);
        ToyTaskFiles.WriteChoices(paths.Source2Test, corpus.Source2Test);
        ToyTaskFiles.WritePerplexity(paths.Source2Perplexity, corpus.Source2PerplexityTest);
        ToyTaskFiles.WriteLines(paths.Language1Words, lexicon.WordsOf(ToyLanguage.Language1));
        ToyTaskFiles.WriteLines(paths.Language2Words, lexicon.WordsOf(ToyLanguage.Language2));
        log?.Report($"evollm-toy: corpus of {corpus.BaseLines.Count} base, {corpus.ExpertALines.Count} expert A, {corpus.ExpertBLines.Count} expert B lines; vocabulary {tokenizer.VocabularySize}; training");

        using (var models = ToyTraining.Train(options, corpus, tokenizer, rng.Fork(), log))
        {
            var config = options.ModelConfig(tokenizer.VocabularySize);
            ToyModelFolder.Write(paths.BaseModel, config, models.Base, tokenizer);
            ToyModelFolder.Write(paths.ExpertA, config, models.ExpertA, tokenizer);
            ToyModelFolder.Write(paths.ExpertB, config, models.ExpertB, tokenizer);
            AtomicFile.WriteAllText(paths.TrainingLosses, LossesCsv(models.Losses), fsync: false);
        }

        var manifest = EvoLlmToyManifest.Build(staging, options);
        AtomicFile.WriteAllText(paths.Manifest, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", fsync: true);
    }

    /// <summary><c>stage,step,loss</c>: every step's batch loss, so runs can be compared without retraining.</summary>
    static string LossesCsv(IReadOnlyDictionary<string, double[]> losses)
    {
        var csv = new StringBuilder("stage,step,loss\n");
        foreach (var stage in new[] { ToyTraining.BaseStage, ToyTraining.ExpertAStage, ToyTraining.ExpertBStage })
            for (int step = 0; step < losses[stage].Length; step++)
                csv.Append(CultureInfo.InvariantCulture, $"{stage},{step},{losses[stage][step]:R}\n");
        return csv.ToString();
    }
}
