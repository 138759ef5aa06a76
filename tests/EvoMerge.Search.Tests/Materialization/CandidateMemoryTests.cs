using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Merging.Execution;
using EvoMerge.Merging.Planning;
using EvoMerge.Merging.Samples;
using EvoMerge.Models.Tokenizers;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Genomes;
using EvoMerge.Search.Materialization;
using EvoMerge.Search.Spaces;
using EvoMerge.Search.Spaces.ParameterSpace;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Trials;
using static TorchSharp.torch;

namespace EvoMerge.Search.Tests.Materialization;

[CollectionDefinition(nameof(CandidateMemoryTests), DisableParallelization = true)]
public sealed class CandidateMemoryCollection;

/// <summary>
/// A parameter-space search holds one candidate at a time: each trial's merged tensors and the language model built
/// from them are freed when the trial ends, not when the garbage collector runs, and the model runs on the candidate's
/// TorchSharp memory rather than on a copy of it.
/// </summary>
[Collection(nameof(CandidateMemoryTests))]
public sealed class CandidateMemoryTests : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "evomerge-memory-" + Guid.NewGuid().ToString("N"));
    readonly SearchConfig _config;
    readonly Dictionary<string, ModelCheckpoint> _headers;

    public CandidateMemoryTests()
    {
        string[] texts = ["one two three four", "two three four five", "the cat sat on the mat"];
        var tokenizer = WordLevelTokenizer.Build(texts);
        var shape = new TinyLlamaShape(Hidden: 16, Intermediate: 24, Layers: 2, Vocab: 32);
        foreach (var (name, seed) in new[] { ("base", (ulong?)null), ("a", 2UL), ("b", 3UL) })
        {
            string model = Path.Combine(_folder, "models", name);
            TinyLlamaCheckpoints.Write(model, shape, baseSeed: 1, expertSeed: seed, noise: 0.05);
            tokenizer.Save(model);
        }
        File.WriteAllLines(Path.Combine(_folder, "text.jsonl"), texts.Select(t => $"{{\"text\": \"{t}\"}}"));
        string yaml = """
            seed: 3
            models: {base: models/base, experts: [models/a, models/b]}
            merge: {method: ties}
            genome: {layer_granularity: 1}
            optimizer: {name: cmaes, population: 4}
            budget: {evaluations: 8}
            tasks:
              - {name: text, evaluator: language, kind: perplexity, data: text.jsonl, metric: neg_nll, objective: own}
            """;
        _config = SearchConfigParser.Parse(yaml, _folder, "memory.yml", "memory");
        var problems = new List<string>();
        _headers = new[] { _config.Models.Base! }.Concat(_config.Models.Experts)
            .ToDictionary(m => m.Path, m => ModelCheckpoint.TryLoad(m.Path, problems)!);
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_trial_frees_its_candidate_and_leaves_no_live_tensors()
    {
        var problems = new List<string>();
        var genome = ParameterSpaceGenome.Build(_config, _headers, problems)!;
        Assert.Empty(problems);
        using var space = new ParameterSpaceSearch(genome, _headers, 3, CPU);
        using var suite = TaskSuiteFactory.Create(_config, TaskSplit.Fitness, Path.Combine(_folder, "scratch"));
        var seen = new List<MergedModel>();
        using var recording = new TaskSuite(suite.Tasks.Select(t => t with { Evaluator = new Recording(t.Evaluator, seen) }).ToList());

        double[] Genes(int trial) => genome.Initial().Select((g, i) => g * (0.5 + 0.1 * ((i + trial) % 5))).ToArray();
        Assert.IsType<TrialEvaluation.Completed>(space.Evaluate(0, Genes(0), recording, null, CancellationToken.None));   // warm-up
        GC.Collect();
        GC.WaitForPendingFinalizers();   // tensors left to the finalizer elsewhere must not hide a leak here
        long baseline = Tensor.TotalCount;
        for (int trial = 1; trial <= 4; trial++)
        {
            Assert.IsType<TrialEvaluation.Completed>(space.Evaluate(trial, Genes(trial), recording, null, CancellationToken.None));
            Assert.Equal(baseline, Tensor.TotalCount);
            Assert.All(seen[^1].Tensors.Values, t => Assert.True(t.IsDisposed));
        }
        Assert.Equal(5, seen.Count);
    }

    [Fact]
    public void The_candidate_is_the_kernels_output_in_TorchSharp_memory_of_the_planned_dtype()
    {
        var problems = new List<string>();
        var genome = ParameterSpaceGenome.Build(_config, _headers, problems)!;
        var recipe = genome.Decode(genome.Initial().Select((g, i) => g * (0.6 + 0.1 * (i % 3))).ToArray(), 7);
        using var materializer = new InMemoryMaterializer(_headers, CPU);
        var plan = materializer.Plan(recipe);
        using var candidate = materializer.Materialize(plan, CancellationToken.None);
        using var executor = new MergeExecutor(plan);

        Assert.Equal(plan.Tensors.Select(t => t.OutputName), candidate.Tensors.Keys);
        foreach (var planned in plan.Tensors)
        {
            var tensor = candidate.Tensors[planned.OutputName];
            // The language evaluator runs on this tensor in place rather than copying the model.
            var owner = Assert.IsType<Tensor>(tensor.Owner);
            Assert.Equal(TorchDTypes.ToTorch(planned.OutputDType), owner.dtype);
            Assert.Equal(planned.Shape, owner.shape);
            using var scope = NewDisposeScope();
            var expected = executor.MergeOne(planned);
            Assert.True(expected.bytes.SequenceEqual(tensor.Bytes), $"tensor {planned.OutputName} differs from the kernel's output");
        }
    }

    /// <summary>Passes evaluations through and keeps each model it was given, to check afterwards that it was freed.</summary>
    sealed class Recording(IEvaluator inner, List<MergedModel> seen) : IEvaluator
    {
        public string Name => inner.Name;

        public EvaluationResult Evaluate(MergedModel model, CancellationToken ct)
        {
            seen.Add(model);
            return inner.Evaluate(model, ct);
        }

        public void Dispose() { }
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
