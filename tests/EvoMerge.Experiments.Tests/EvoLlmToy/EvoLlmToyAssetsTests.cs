using System.Text.Json.Nodes;
using EvoMerge.Experiments.EvoLlmToy;
using EvoMerge.Models.Llama;
using EvoMerge.Models.Tokenizers;

namespace EvoMerge.Experiments.Tests.EvoLlmToy;

public sealed class EvoLlmToyAssetsTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("evollm-toy-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    static JsonObject[] Jsonl(string path) => File.ReadAllLines(path).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();

    [Fact]
    public void PrepareWritesTaskFilesAndLoadableModelsThenReusesThem()
    {
        var options = TinyToyOptions.Assets;
        var folder = Path.Combine(_root, "assets");
        var paths = EvoLlmToyAssets.Prepare(folder, options);
        Assert.False(paths.Reused);
        Assert.All(EvoLlmToyAssetPaths.RelativeFiles, f => Assert.True(File.Exists(Path.Combine(folder, f)), f));

        foreach (var (file, count) in new[] { (paths.TargetDev, 12), (paths.TargetTest, 20), (paths.Source1Dev, 12), (paths.Source1Test, 20) })
        {
            var rows = Jsonl(file);
            Assert.Equal(count, rows.Length);
            Assert.All(rows, row =>
            {
                Assert.Equal(["prompt", "answer"], row.Select(p => p.Key));
                Assert.EndsWith(" a:", row["prompt"]!.GetValue<string>());
                Assert.True(int.TryParse(row["answer"]!.GetValue<string>(), out _));
            });
        }

        var choices = Jsonl(paths.Source2Test);
        Assert.Equal(20, choices.Length);
        Assert.All(choices, row =>
        {
            Assert.Equal(["prompt", "choices", "answer"], row.Select(p => p.Key));
            Assert.InRange(row["answer"]!.GetValue<int>(), 0, row["choices"]!.AsArray().Count - 1);
        });
        Assert.All(Jsonl(paths.Source2Perplexity), row => Assert.Equal(["text"], row.Select(p => p.Key)));
        Assert.Equal(new ToyLexicon(options.Corpus.MaxNumber).WordsOf(ToyLanguage.Language2), File.ReadAllLines(paths.Language2Words));

        foreach (var modelFolder in new[] { paths.BaseModel, paths.ExpertA, paths.ExpertB })
        {
            Assert.Equal("llama", JsonNode.Parse(File.ReadAllText(Path.Combine(modelFolder, "config.json")))!["model_type"]!.GetValue<string>());
            using var model = LlamaModel.Load(modelFolder);
            Assert.Equal(options.Layers, model.Config.NumHiddenLayers);
            Assert.Equal(model.Config.VocabSize, ((WordLevelTokenizer)TokenizerLoader.Load(modelFolder)).VocabularySize);
        }

        var losses = File.ReadAllLines(paths.TrainingLosses);
        Assert.Equal("stage,step,loss", losses[0]);
        Assert.Equal(1 + 6 + 4 + 4, losses.Length);

        var again = EvoLlmToyAssets.Prepare(folder, options);
        Assert.True(again.Reused);
        Assert.Equal(paths with { Reused = true }, again);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void ChangedOptionsOrDamagedFilesRebuildAndForeignFoldersAreRefused()
    {
        var folder = Path.Combine(_root, "assets");
        var options = TinyToyOptions.Assets;
        var paths = EvoLlmToyAssets.Prepare(folder, options);
        var firstTarget = File.ReadAllText(paths.TargetTest);

        File.AppendAllText(paths.TargetTest, "{}\n");
        Assert.False(EvoLlmToyAssets.Prepare(folder, options).Reused);
        Assert.Equal(firstTarget, File.ReadAllText(paths.TargetTest));

        var reseeded = EvoLlmToyAssets.Prepare(folder, options with { Seed = 6 });
        Assert.False(reseeded.Reused);
        Assert.NotEqual(firstTarget, File.ReadAllText(paths.TargetTest));
        Assert.Empty(Directory.EnumerateDirectories(_root, ".assets.*"));

        var foreign = Path.Combine(_root, "foreign");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "notes.txt"), "mine");
        Assert.Throws<IOException>(() => EvoLlmToyAssets.Prepare(foreign, options));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(foreign, "notes.txt")));
    }

    [Fact]
    public void InvalidOptionsAreRefusedWithTheirName()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => (TinyToyOptions.Assets with { Corpus = TinyToyOptions.Corpus with { MaxStart = 40 } }).Validate());
        Assert.Contains("MaxStart", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => (TinyToyOptions.Assets with { BaseTraining = new() { Steps = 0 } }).Validate());
    }
}
