using EvoMerge.Core.Optimization;
using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Output;
using EvoMerge.Merging.Planning;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.Search.Config;
using EvoMerge.Search.Genomes;
using EvoMerge.Search.Materialization;
using EvoMerge.Search.Optimizers;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Timing;
using TorchSharp;

namespace EvoMerge.Search.Spaces.ParameterSpace;

/// <summary>
/// The parameter space: each gene vector decodes (<see cref="ParameterSpaceGenome"/>) to a mergekit config,
/// merged in memory by the merge kernel; its random choices (DARE masks) are seeded by the run seed and the
/// trial id, so the exported recipe.yml reproduces the evaluated model exactly.
/// </summary>
public sealed class ParameterSpaceSearch : ISearchSpace, ISourceSeeds, IMergeReferences, IGeneDomains, IFisherWeighted
{
    readonly ulong _runSeed;
    readonly InMemoryMaterializer _materializer;
    readonly IFisherEstimator _fisherEstimator;
    // Set once by ResolveFisher, before the first trial: where each model's Fisher information is.
    FisherEstimation? _fisher;

    public ParameterSpaceSearch(ParameterSpaceGenome genome, IReadOnlyDictionary<string, ModelCheckpoint> headers, ulong runSeed, torch.Device device,
                                IFisherEstimator? fisherEstimator = null)
    {
        Genome = genome;
        Headers = headers;
        _runSeed = runSeed;
        _fisherEstimator = fisherEstimator ?? new TaskDataFisherEstimator();
        _materializer = new InMemoryMaterializer(headers, device);
    }

    public bool UsesFisher => Genome.MethodNames.Any(MergeSection.UsesFisher);

    public IReadOnlyList<(string Model, string Folder)> ResolveFisher(string cacheFolder, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheFolder);
        if (!UsesFisher) return [];
        // Plan the starting point with every method gene on fisher: that merge reads every model fisher can weight.
        int fisher = Genome.MethodNames.ToList().FindIndex(MergeSection.UsesFisher);
        var start = Genome.Initial();
        foreach (int i in Genome.MethodGenes) start[i] = CategoryBins.Centre(fisher, Genome.MethodNames.Count);
        var recording = new RecordingFisherEstimator(_fisherEstimator);
        var plan = _materializer.Plan(Genome.Decode(start, 0), new FisherEstimation(recording, cacheFolder));
        ct.ThrowIfCancellationRequested();
        _fisher = new FisherEstimation(_fisherEstimator, cacheFolder) { Resolved = plan.FisherFolders };
        return recording.Estimated;
    }

    /// <summary>
    /// How plans find the Fisher information: the folders resolved at the start; before that, the task data is only
    /// checked (nothing is estimated while the config is validated).
    /// </summary>
    FisherEstimation PlanningFisher() =>
        _fisher ?? new FisherEstimation(_fisherEstimator, Path.Combine(Path.GetTempPath(), "evomerge-fisher-unresolved")) { CheckOnly = true };

    public ParameterSpaceGenome Genome { get; }

    public IReadOnlyDictionary<string, ModelCheckpoint> Headers { get; }

    public string Kind => ParameterSpaceGenomeKind.KindName;

    public IReadOnlyList<string> GeneNames => Genome.GeneNames;

    public Bounds Bounds => Genome.Bounds;

    public double[] Initial() => Genome.Initial();

    public IReadOnlyList<double[]> Seeds() => Genome.ExpertSeeds();

    /// <summary>Merge weights, densities and the like are continuous; a method gene is categorical, one value per listed method.</summary>
    public IReadOnlyList<GeneDomain> GeneDomains() =>
        Genome.Genes.Select(g => g.Categories is { } methods ? GeneDomain.Categorical(methods) : GeneDomain.Continuous).ToList();

    public int[] SegmentStarts()
    {
        var starts = new List<int> { 0 };
        for (int i = 1; i < Genome.Dimension; i++)
        {
            var (previous, current) = (Genome.Genes[i - 1], Genome.Genes[i]);
            if (current.Scope != previous.Scope || current.Group != previous.Group) starts.Add(i);
        }
        return starts.ToArray();
    }

    public MergeConfig RecipeOf(long trialId, IReadOnlyList<double> genes) => Genome.Decode(genes, TrialSeeds.For(_runSeed, trialId));

    /// <summary>Plans the starting point once per method a candidate may use, so a method that cannot merge these models fails before the search.</summary>
    public IReadOnlyList<string> Check(TaskSuite tasks)
    {
        var problems = new List<string>();
        for (int k = 0; k < Genome.MethodNames.Count; k++)
        {
            var start = Genome.Initial();
            foreach (int i in Genome.MethodGenes) start[i] = CategoryBins.Centre(k, Genome.MethodNames.Count);
            string which = Genome.MethodGenes.Count == 0 ? "" : $"with method '{Genome.MethodNames[k]}' ";
            try
            {
                var plan = _materializer.Plan(Genome.Decode(start, 0), PlanningFisher());
                problems.AddRange(tasks.FindProblems(plan.Tensors.Select(t => new TensorSpec(t.OutputName, t.OutputDType, t.Shape)).ToList()));
            }
            catch (MergeConfigException e)
            {
                problems.Add($"merge: the starting point {which}does not plan: {e.Message}");
            }
        }
        return problems.Distinct().ToList();
    }

    public TrialEvaluation Evaluate(long seed, IReadOnlyList<double> genes, TaskSuite tasks, PhaseTimings? timings, CancellationToken ct)
    {
        // Freed here, not by the GC, so memory stays at one candidate however many trials run.
        using var candidate = Prepare(seed, genes, timings, ct);
        return candidate.Score(tasks, timings, ct);
    }

    public IPreparedCandidate Prepare(long seed, IReadOnlyList<double> genes, PhaseTimings? timings, CancellationToken ct)
    {
        try
        {
            var recipe = Genome.Decode(genes, seed);
            return new MergedCandidate(timings is null ? Materialize(recipe, ct) : timings.Time("materialize", () => Materialize(recipe, ct)));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new UnbuiltCandidate($"merge: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The recipe's merged model in memory; the caller disposes it.</summary>
    public MergedModel Materialize(MergeConfig recipe, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        if (_fisher is null && recipe.Parameters.FisherData is not null)
            throw new InvalidOperationException("this recipe merges with fisher, but the models' Fisher information was not resolved for this search (ResolveFisher); it is estimated once when the run starts.");
        return _materializer.Materialize(_materializer.Plan(recipe, PlanningFisher()), ct);
    }

    public string RecipeKey(long seed, IReadOnlyList<double> genes) =>
        MergeConfigWriter.ToYaml(Genome.Decode(genes, Genome.UsesSeed(genes) ? seed : 0));

    public void WriteRecipe(string folder, long trialId, IReadOnlyList<double> genes, string comment)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "recipe.yml");
        string text = comment + $"# Reproduce the model with: ./run.sh merge {path} OUT_DIR\n" + MergeConfigWriter.ToYaml(RecipeOf(trialId, genes));
        Core.IO.AtomicFile.WriteAllText(path, text, fsync: false);
    }

    public IReadOnlyList<string> ExportModel(string folder, long trialId, IReadOnlyList<double> genes, Action<string>? log = null)
    {
        // A fisher recipe is merged as `merge` would: its Fisher information estimated into OUT_DIR.fisher/ from fisher_data.
        var options = new MergeJobOptions { FisherEstimator = _fisherEstimator };
        var plan = MergeJob.Prepare(RecipeOf(trialId, genes), folder, options);
        return MergeJob.Run(plan, folder, options).Files;
    }

    public void Dispose() => _materializer.Dispose();
}
