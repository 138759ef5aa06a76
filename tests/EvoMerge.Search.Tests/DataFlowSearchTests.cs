using System.Globalization;
using EvoMerge.Merging.Samples;
using EvoMerge.Models.Tokenizers;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Export;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests;

/// <summary>Search runs with genome kind data_flow (DFS) and with a parameter-space merge as an extra source (PS+DFS).</summary>
public sealed class DataFlowSearchTests : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "evomerge-dfs-search-" + Guid.NewGuid().ToString("N"));

    public DataFlowSearchTests()
    {
        string[] texts = ["one two three four", "two three four five", "the cat sat on the mat"];
        var tokenizer = WordLevelTokenizer.Build(texts);
        var shape = new TinyLlamaShape(Hidden: 16, Intermediate: 24, Layers: 2, Vocab: 32);
        foreach (var (name, seed) in new[] { ("a", 2UL), ("b", 3UL) })
        {
            string model = Path.Combine(_folder, "models", name);
            TinyLlamaCheckpoints.Write(model, shape, baseSeed: 1, expertSeed: seed, noise: 0.05);
            tokenizer.Save(model);
        }
        File.WriteAllLines(Path.Combine(_folder, "text.jsonl"), texts.Select(t => $"{{\"text\": \"{t}\"}}"));
        File.WriteAllText(Path.Combine(_folder, "recipe.yml"),
            $"merge_method: linear\nmodels:\n  - model: {_folder}/models/a\n    parameters: {{weight: 1}}\n  - model: {_folder}/models/b\n    parameters: {{weight: 1}}\n");
    }

    SearchConfig Config(string genomeExtra, string optimizer = "cmaes") => SearchConfigParser.Parse(
        "seed: 4\nmodels: {experts: [models/a, models/b]}\n" +
        $"genome: {{kind: data_flow, repeats: 2{genomeExtra}}}\n" +
        $"optimizer: {{name: {optimizer}, population: 4}}\nbudget: {{evaluations: 8}}\n" +
        "tasks:\n  - {name: text, evaluator: language, kind: perplexity, data: text.jsonl, test_data: text.jsonl, metric: neg_nll}\n",
        _folder, "dfs.yml", "dfs");

    [Theory]
    [InlineData(false, "cmaes")]
    [InlineData(true, "cmaes")]
    [InlineData(false, "cmawm")]
    public void Runs_resume_exactly_and_export_a_loadable_folder(bool includeMerge, string optimizer)
    {
        var config = Config(includeMerge ? $", include_merge: {_folder}/recipe.yml, head: merge" : "", optimizer);
        string reference = Path.Combine(_folder, "ref-" + Guid.NewGuid().ToString("N"));
        using (var run = SearchRun.Start(config, reference))
        {
            Assert.Equal(SearchEnd.Finished, run.Run().End);
            Assert.Contains("best_weighted_sum", TestEvaluation.Write(run.AsFinished()));
        }
        string header = File.ReadLines(Path.Combine(reference, "trials.csv")).First();
        Assert.Contains("slot_000.on", header);
        Assert.Contains(includeMerge ? "scale_005_000" : "scale_003_000", header);
        Assert.True(File.Exists(Path.Combine(reference, "best", "weighted_sum", "path.json")));

        string resumed = Path.Combine(_folder, "res-" + Guid.NewGuid().ToString("N"));
        using (var cancel = new CancellationTokenSource())
        using (var run = SearchRun.Start(config, resumed))
        {
            int seen = 0;
            run.Run(new SyncProgress(_ => { if (++seen == 3) cancel.Cancel(); }), cancel.Token);
        }
        using (var run = SearchRun.Resume(resumed))
            Assert.Equal(SearchEnd.Finished, run.Run().End);
        Assert.Equal(RunFiles.TrialsWithoutSeconds(reference), RunFiles.TrialsWithoutSeconds(resumed));

        string exported = Path.Combine(_folder, "export-" + Guid.NewGuid().ToString("N"));
        var files = RunExports.Export(reference, 0, exported);
        Assert.Contains("config.json", files);
        Assert.Contains("input_layers", File.ReadAllText(Path.Combine(exported, "config.json")));
    }

    [Theory]
    [InlineData("cmawm", true)]
    [InlineData("cmaes", false)]
    public void Cmawm_searches_slot_indicators_as_binary_and_scales_as_continuous(string optimizer, bool binary)
    {
        string folder = Path.Combine(_folder, "run-" + Guid.NewGuid().ToString("N"));
        using (var run = SearchRun.Start(Config("", optimizer), folder))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        var lines = File.ReadAllLines(Path.Combine(folder, "trials.csv"));
        var header = lines[0].Split(',');
        var slots = Enumerable.Range(0, header.Length).Where(i => header[i].StartsWith("slot_", StringComparison.Ordinal)).ToList();
        var scales = Enumerable.Range(0, header.Length).Where(i => header[i].StartsWith("scale_", StringComparison.Ordinal)).ToList();
        var slotValues = lines.Skip(1).SelectMany(l => slots.Select(i => double.Parse(l.Split(',')[i], CultureInfo.InvariantCulture))).ToList();
        var scaleValues = lines.Skip(1).SelectMany(l => scales.Select(i => double.Parse(l.Split(',')[i], CultureInfo.InvariantCulture))).ToList();

        Assert.Equal(binary, slotValues.All(v => v is -0.5 or 0.5));
        Assert.Contains(scaleValues, v => v != 1.0 && v != 0 && v != 2);
    }

    [Fact]
    public void Data_flow_needs_language_tasks_and_a_known_head()
    {
        string yaml = "seed: 4\nmodels: {experts: [models/a, models/b]}\ngenome: {kind: data_flow, head: c, layer_granularity: 2}\n" +
                      "optimizer: {name: cmaes}\nbudget: {evaluations: 8}\n" +
                      "tasks:\n  - {name: t, evaluator: command, command: 'true {model}', metric: m}\n";
        var error = Assert.Throws<SearchConfigException>(() => SearchConfigParser.Parse(yaml, _folder, "dfs.yml", "dfs"));

        Assert.Contains(error.Problems, p => p.StartsWith("tasks.t: data_flow genomes are scored by language tasks"));
        Assert.Contains(error.Problems, p => p.StartsWith("genome.head: 'c' is not a source"));
        Assert.Contains(error.Problems, p => p.StartsWith("genome.layer_granularity: not used by kind: data_flow"));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
