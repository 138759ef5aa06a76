using EvoMerge.Core.Optimization;
using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Experiments.EvoLlmToy;
using EvoMerge.Experiments.EvoLlmToyExperiment;
using EvoMerge.Models.Llama;
using EvoMerge.Models.Tokenizers;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Genomes;
using EvoMerge.Search.Spaces;
using EvoMerge.Search.Spaces.ParameterSpace;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// The evollm-toy target task as a fitness problem: the genome of the experiment's PS search
/// (per-layer DARE-TIES weights and densities of expert A and expert B over the base, CMA-ES),
/// merged in memory by the merge kernel, scored by exact match on the target's dev split (fitness)
/// and its test split (reported). DARE's masks come from one seed per run, so a candidate's model is
/// a function of its genes and a race's slices all score the same model.
/// </summary>
public sealed class EvoLlmToyMergeProblem : IFitnessProblem
{
    readonly ParameterSpaceSearch _space;
    readonly LlamaConfig _modelConfig;
    readonly ITextTokenizer _tokenizer;
    readonly IReadOnlyList<LanguageExample> _dev;
    readonly LanguageTaskScorer _devScorer, _testScorer;
    readonly long _mergeSeed;
    readonly int _maxNewTokens;
    readonly BuiltModelCache<MergedLlama> _built;

    /// <summary>Problems generated at once: the toy model is small, so larger batches only save per-call overhead (the searches use 32).</summary>
    const int ScoringBatch = 100;

    public EvoLlmToyMergeProblem(EvoLlmToyAssetPaths assets, ulong seed, int maxNewTokens, int cachedModels)
    {
        ArgumentNullException.ThrowIfNull(assets);
        var yaml = ToySearchConfigs.ParameterSpace(assets, evaluations: 100, maxNewTokens, seed);
        var config = SearchConfigParser.Parse(yaml, assets.Folder, "cheap-fitness (evollm-toy PS genome)", "evollm-toy-ps");
        _space = (ParameterSpaceSearch)SearchSpaces.Create(config);
        _mergeSeed = TrialSeeds.For(seed, 0);
        _maxNewTokens = maxNewTokens;
        _modelConfig = LlamaConfigReader.ReadFolder(assets.BaseModel);
        _tokenizer = TokenizerLoader.Load(assets.BaseModel);
        _dev = LanguageTaskFile.Read(assets.TargetDev, LanguageTaskKind.Generation);
        _devScorer = Scorer("target_dev", _dev);
        _testScorer = Scorer("target_test", LanguageTaskFile.Read(assets.TargetTest, LanguageTaskKind.Generation));
        Strata = [.. _dev.Select(e => ((GenerationExample)e).Prompt.Count(c => c == '.'))];
        _built = new BuiltModelCache<MergedLlama>(cachedModels);
    }

    public string Task => "evollm-toy";

    public int GeneCount => _space.Genome.Dimension;

    public Bounds Bounds => _space.Bounds;

    /// <summary>The PS search's own start: weight 1/2 per expert, density 1.</summary>
    public double[] Start => _space.Initial();

    public double Sigma0 => 0.3;

    public int FitnessCount => _dev.Count;

    /// <summary>Stratified by the number of sentences in the problem (one per step), which sets its difficulty.</summary>
    public IReadOnlyList<int>? Strata { get; }

    public long ExamplesEvaluated { get; private set; }

    public double[] Score(IReadOnlyList<double> genes, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var scorer = Scorer("target_dev", [.. rows.Select(i => _dev[i])]);
        var scores = Correctness(scorer, genes);
        ExamplesEvaluated += rows.Count;
        return scores;
    }

    public double[] ScoreAll(IReadOnlyList<double> genes)
    {
        var scores = Correctness(_devScorer, genes);
        ExamplesEvaluated += scores.Length;
        return scores;
    }

    public double TestAccuracy(IReadOnlyList<double> genes) => Correctness(_testScorer, genes).Average();

    /// <summary>Base (both weights 0), each expert alone (weight 1, density 1), the PS start, and task arithmetic and TIES-style merges (weights 1, density 1 and 0.5).</summary>
    public IReadOnlyList<double[]> CalibrationPoints()
    {
        var genome = _space.Genome;
        double[] Uniform(double weight, double density) =>
            [.. genome.Genes.Select(g => Math.Clamp(g.Parameter == "weight" ? weight : g.Parameter == "density" ? density : (g.Min + g.Max) / 2, g.Min, g.Max))];
        return [Uniform(0, 1), .. genome.ExpertSeeds(), genome.Initial(), Uniform(1, 1), Uniform(1, 0.5)];
    }

    double[] Correctness(LanguageTaskScorer scorer, IReadOnlyList<double> genes)
    {
        var model = _built.Get(genes, () =>
        {
            using var merged = _space.Materialize(_space.Genome.Decode(genes, _mergeSeed), CancellationToken.None);
            return MergedLlama.Build(merged, _modelConfig);
        });
        return [.. scorer.ScoreExamples(model.Model, CancellationToken.None).Select(o => o.Score)];
    }

    LanguageTaskScorer Scorer(string name, IReadOnlyList<LanguageExample> examples) => new(new LanguageTaskOptions
    {
        Name = name, Kind = LanguageTaskKind.Generation, Tokenizer = _tokenizer, Examples = examples,
        Extraction = AnswerExtraction.LastNumber, MaxNewTokens = _maxNewTokens, BatchSize = ScoringBatch,
    });

    public void Dispose()
    {
        _built.Dispose();
        _space.Dispose();
    }
}
