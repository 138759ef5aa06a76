using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Planning;
using EvoMerge.Models.Llama;
using EvoMerge.Search.Config;
using EvoMerge.Search.DataFlow;
using EvoMerge.Search.Materialization;
using EvoMerge.Search.Optimizers;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Timing;
using TorchSharp;

namespace EvoMerge.Search.Spaces.DataFlow;

/// <summary>
/// The data-flow space (Sakana's DFS, reference §2): the experts' layers laid out in one sequence and
/// repeated; a gene vector decodes to a layer path with per-hop input scales, run as a view over the
/// loaded models (no weight copies) and scored by language tasks. PS+DFS: <c>include_merge</c> merges a
/// recipe in memory at start and adds it as source "merge". The start is the head source's own path.
/// </summary>
public sealed class DataFlowSearch : ISearchSpace, ISourceSeeds, IGeneDomains
{
    public const string MergeSourceName = "merge";

    readonly List<IDisposable> _owned;

    DataFlowSearch(DataFlowSources sources, DataFlowGenome genome, List<IDisposable> owned)
    {
        Sources = sources;
        Genome = genome;
        _owned = owned;
    }

    public DataFlowSources Sources { get; }

    public DataFlowGenome Genome { get; }

    public string Kind => DataFlowGenomeKind.KindName;

    public IReadOnlyList<string> GeneNames => Genome.GeneNames;

    public Bounds Bounds => Genome.Bounds;

    /// <summary>Loads the source models (and merges <c>include_merge</c>); problems are added and null returned.</summary>
    public static DataFlowSearch? Load(SearchConfig config, torch.Device device, List<string> problems)
    {
        var owned = new List<IDisposable>();
        var sources = new List<DataFlowSource>();
        var options = new LlamaLoadOptions { Device = device };
        try
        {
            foreach (var expert in config.Models.Experts)
            {
                try
                {
                    var model = LlamaModel.Load(expert.Path, options);
                    owned.Add(model);
                    sources.Add(new DataFlowSource(expert.Name, model, expert.Path));
                }
                catch (Exception e) when (e is ArgumentException or IOException or FormatException or InvalidDataException or KeyNotFoundException)
                {
                    problems.Add($"models: {expert.Name}: {e.Message}");
                }
            }
            if (config.Genome.IncludeMerge is { } recipePath && MergedSource(recipePath, options, owned, problems) is { } merged)
                sources.Add(merged);
            if (problems.Count > 0) throw new SearchConfigException(config.Name, problems.ToList());

            string head = config.Genome.Head ?? sources[0].Name;
            var flow = new DataFlowSources(sources, sources.FindIndex(s => s.Name == head));
            var genome = flow.CreateGenome(config.Genome.Repeats, config.Genome.ScaleBounds.Min, config.Genome.ScaleBounds.Max, config.Genome.MaxPathLength);
            return new DataFlowSearch(flow, genome, owned);
        }
        catch (Exception e) when (e is ArgumentException)
        {
            problems.Add($"genome: {e.Message}");
            owned.ForEach(o => o.Dispose());
            return null;
        }
        catch
        {
            owned.ForEach(o => o.Dispose());
            throw;
        }
    }

    /// <summary>PS+DFS: the recipe merged in memory by the merge kernel, as a Llama model named "merge".</summary>
    static DataFlowSource? MergedSource(string recipePath, LlamaLoadOptions options, List<IDisposable> owned, List<string> problems)
    {
        try
        {
            var recipe = MergeConfigParser.ParseFile(recipePath, Environment.CurrentDirectory);
            var headers = ModelCheckpoint.TryLoadAll(recipe.ReferencedModels(), problems);
            if (headers.Count < recipe.ReferencedModels().Count) return null;
            using var materializer = new InMemoryMaterializer(headers, torch.CPU);
            using var merged = materializer.Materialize(recipe, CancellationToken.None);
            string first = recipe.ReferencedModels()[0];
            var llama = MergedLlama.Build(merged, LlamaConfigReader.ReadFolder(Directory.Exists(first) ? first : Path.GetDirectoryName(first)!), options);
            owned.Add(llama);
            return new DataFlowSource(MergeSourceName, llama.Model);
        }
        catch (Exception e) when (e is MergeConfigException or ArgumentException or IOException or FormatException or InvalidDataException or FatalEvaluationException)
        {
            problems.Add($"genome.include_merge: {recipePath}: {e.Message}");
            return null;
        }
    }

    public double[] Initial() => Genome.Start(Sources.HeadIndex);

    public IReadOnlyList<double[]> Seeds() => Enumerable.Range(0, Sources.Sources.Count).Select(Genome.Start).ToList();

    /// <summary>Each repeat of the layer sequence, then the scaling matrix, move together under M2N2's split points.</summary>
    public int[] SegmentStarts() => Enumerable.Range(0, Genome.Repeats).Select(r => r * Genome.TotalLayers).Append(Genome.Slots).ToArray();

    /// <summary>Slot indicators are binary, off or on at the start's values (split at 0, where decoding splits them); scales are continuous.</summary>
    public IReadOnlyList<GeneDomain> GeneDomains()
    {
        var indicator = GeneDomain.Discrete(DataFlowGenome.StartOff, DataFlowGenome.StartOn);
        return Enumerable.Range(0, Genome.Dimension).Select(g => g < Genome.Slots ? indicator : GeneDomain.Continuous).ToList();
    }

    public IReadOnlyList<string> Check(TaskSuite tasks) =>
        tasks.ScoresModels ? [] : ["tasks: data_flow genomes need every task to be a language task (evaluator: language)."];

    public TrialEvaluation Evaluate(long seed, IReadOnlyList<double> genes, TaskSuite tasks, PhaseTimings? timings, CancellationToken ct)
    {
        using var candidate = Prepare(seed, genes, timings, ct);
        return candidate.Score(tasks, timings, ct);
    }

    public IPreparedCandidate Prepare(long seed, IReadOnlyList<double> genes, PhaseTimings? timings, CancellationToken ct)
    {
        LayerPathModel View() => Sources.View(Genome.Decode(genes.ToArray()));
        return new LayerPathCandidate(timings is null ? View() : timings.Time("materialize", View));
    }

    public LayerPath PathOf(IReadOnlyList<double> genes) => Genome.Decode(genes.ToArray());

    /// <summary>Layer paths are deterministic: the hops and their scales are the model.</summary>
    public string RecipeKey(long seed, IReadOnlyList<double> genes)
    {
        var path = PathOf(genes);
        return string.Join(';', path.Layers.Select((layer, k) => $"{layer}x{path.Scales[k].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"));
    }

    public void WriteRecipe(string folder, long trialId, IReadOnlyList<double> genes, string comment)
    {
        Directory.CreateDirectory(folder);
        var path = PathOf(genes);
        var json = new JsonObject
        {
            ["comment"] = comment.Trim().Replace("# ", ""),
            ["head"] = Sources.Sources[Sources.HeadIndex].Name,
            ["sources"] = new JsonArray(Sources.Sources.Select(s => (JsonNode?)new JsonObject
            {
                ["name"] = s.Name, ["folder"] = s.Folder, ["layers"] = s.Model.Layers.Count,
            }).ToArray()),
            ["hops"] = new JsonArray(path.Layers.Select((layer, k) =>
            {
                var (source, local) = Sources.Locate(layer);
                return (JsonNode?)new JsonObject { ["source"] = Sources.Sources[source].Name, ["layer"] = local, ["scale"] = path.Scales[k] };
            }).ToArray()),
            ["input_layers"] = new JsonArray(path.Layers.Select(l => (JsonNode?)l).ToArray()),
            ["input_scales"] = new JsonArray(path.Scales.Select(s => (JsonNode?)s).ToArray()),
        };
        Core.IO.AtomicFile.WriteAllText(Path.Combine(folder, "path.json"), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", fsync: false);
        var passthrough = PassthroughRecipe.For(Sources, path);
        if (passthrough.Config is { } recipe)
            Core.IO.AtomicFile.WriteAllText(Path.Combine(folder, PassthroughRecipe.FileName), comment + MergeConfigWriter.ToYaml(recipe), fsync: false);
    }

    public IReadOnlyList<string> ExportModel(string folder, long trialId, IReadOnlyList<double> genes, Action<string>? log = null)
    {
        var result = DataFlowExport.Write(folder, Sources, PathOf(genes));
        if (result.Passthrough.UnavailableReason is { } why) log?.Invoke($"no mergekit passthrough config: {why}");
        return Directory.GetFiles(result.Folder).Select(Path.GetFileName).ToList()!;
    }

    public void Dispose()
    {
        foreach (var o in _owned) o.Dispose();
        _owned.Clear();
    }
}
