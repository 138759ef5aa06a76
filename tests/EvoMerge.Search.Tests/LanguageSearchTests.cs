using EvoMerge.Merging.Samples;
using EvoMerge.Models.Tokenizers;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests;

/// <summary>A search over Llama-family checkpoints scored by language-model tasks (evaluator: language).</summary>
public sealed class LanguageSearchTests : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "evomerge-lm-search-" + Guid.NewGuid().ToString("N"));

    public LanguageSearchTests()
    {
        string[] texts = ["one two three four", "two three four five", "three four five six", "the cat sat on the mat"];
        var tokenizer = WordLevelTokenizer.Build(texts);
        var shape = new TinyLlamaShape(Hidden: 16, Intermediate: 24, Layers: 2, Vocab: 32);
        foreach (var (name, seed) in new[] { ("base", (ulong?)null), ("a", 2UL), ("b", 3UL) })
        {
            string model = Path.Combine(_folder, "models", name);
            TinyLlamaCheckpoints.Write(model, shape, baseSeed: 1, expertSeed: seed, noise: 0.05);
            tokenizer.Save(model);
        }
        File.WriteAllLines(Path.Combine(_folder, "text.jsonl"), texts.Select(t => $"{{\"text\": \"{t}\"}}"));
        File.WriteAllLines(Path.Combine(_folder, "choice.jsonl"),
            ["{\"prompt\": \"one two\", \"choices\": [\"three\", \"mat\"], \"answer\": 0}", "{\"prompt\": \"the cat\", \"choices\": [\"sat\", \"five\"], \"answer\": 0}"]);
    }

    [Fact]
    public void A_parameter_space_search_scores_merged_llamas_on_language_tasks_and_resumes_exactly()
    {
        string yaml = """
            seed: 3
            models: {base: models/base, experts: [models/a, models/b]}
            merge: {method: task_arithmetic}
            genome: {layer_granularity: 1}
            optimizer: {name: nsga2, population: 4}
            budget: {evaluations: 12}
            tasks:
              - {name: text, evaluator: language, kind: perplexity, data: text.jsonl, metric: neg_nll, objective: own}
              - {name: pick, evaluator: language, kind: multiple_choice, data: choice.jsonl, metric: accuracy, objective: own, batch_size: 2}
            """;
        var config = SearchConfigParser.Parse(yaml, _folder, "lm.yml", "lm");
        Assert.Contains("embed.a.weight", SearchConfigWriter.ToYaml(config) + string.Join(",", Genes(config)));

        string reference = Path.Combine(_folder, "reference");
        using (var run = SearchRun.Start(config, reference))
            Assert.Equal(12, run.Run().Completed);

        string resumed = Path.Combine(_folder, "resumed");
        using (var cancel = new CancellationTokenSource())
        using (var run = SearchRun.Start(config, resumed))
        {
            int seen = 0;
            run.Run(new SyncProgress(_ => { if (++seen == 5) cancel.Cancel(); }), cancel.Token);
        }
        using (var run = SearchRun.Resume(resumed))
            run.Run();

        string header = File.ReadLines(Path.Combine(reference, "trials.csv")).First();
        Assert.Contains("task.text.neg_nll", header);
        Assert.Contains("objective.pick", header);
        Assert.Equal(Support.RunFiles.TrialsWithoutSeconds(reference), Support.RunFiles.TrialsWithoutSeconds(resumed));
    }

    [Fact]
    public void Language_task_fields_are_validated_with_the_config()
    {
        string yaml = """
            seed: 3
            models: {base: models/base, experts: [models/a, models/b]}
            merge: {method: task_arithmetic}
            optimizer: {name: cmaes}
            budget: {evaluations: 12}
            tasks:
              - {name: t, evaluator: language, kind: poetry, data: text.jsonl, metric: neg_nll}
              - {name: u, evaluator: language, kind: generation, data: text.jsonl, metric: accuracy, template: "no placeholder"}
              - {name: v, evaluator: classifier, data: text.jsonl, metric: accuracy, kind: generation}
            """;
        var error = Assert.Throws<SearchConfigException>(() => SearchConfigParser.Parse(yaml, _folder, "lm.yml", "lm"));

        Assert.Contains(error.Problems, p => p.StartsWith("tasks[0].kind: unknown kind 'poetry'"));
        Assert.Contains(error.Problems, p => p.StartsWith("tasks[1].metric: a generation task gives exact_match"));
        Assert.Contains(error.Problems, p => p.StartsWith("tasks[1].template:"));
        Assert.Contains(error.Problems, p => p.StartsWith("tasks[2].kind: only for evaluator language"));
    }

    IReadOnlyList<string> Genes(SearchConfig config)
    {
        using var setup = SearchSetup.Prepare(config, Path.GetTempPath());
        return setup.Space.GeneNames;
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
