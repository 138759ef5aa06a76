using System.Globalization;
using System.Runtime.InteropServices;
using EvoMerge.Merging.Samples;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Reading;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Export;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests;

/// <summary>Parameter-space searches over mixture-of-experts checkpoints: filters give routers and experts genes of their own per layer group.</summary>
public sealed class MoeSearchTests : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "evomerge-moe-search-" + Guid.NewGuid().ToString("N"));
    readonly TinyMoeShape _shape = new(MoeLayout.Mixtral);

    public MoeSearchTests()
    {
        TinyMoeCheckpoints.Write(Path.Combine(_folder, "models", "base"), _shape, baseSeed: 1);
        TinyMoeCheckpoints.Write(Path.Combine(_folder, "models", "a"), _shape, baseSeed: 1, expertSeed: 2, noise: 0.05);
        TinyMoeCheckpoints.Write(Path.Combine(_folder, "models", "b"), _shape, baseSeed: 1, expertSeed: 3, noise: 0.05);
        // The score is a checksum of the merged weights: it differs between candidates without any model code.
        File.WriteAllText(Path.Combine(_folder, "score.sh"), "test -f \"$1/model.safetensors\" || exit 2\necho \"{\\\"score\\\": $(cksum < \"$1/model.safetensors\" | cut -d' ' -f1)}\"\n");
    }

    SearchConfig Config(string filters = "block_sparse_moe.gate, experts") => SearchConfigParser.Parse(
        "seed: 6\nmodels: {base: models/base, experts: [models/a, models/b]}\nmerge: {method: task_arithmetic}\n" +
        $"genome: {{layer_granularity: 1, filters: [{filters}]}}\n" +
        "optimizer: {name: cmaes, population: 4, sigma0: 0.3}\nbudget: {evaluations: 8}\n" +
        $"tasks:\n  - {{name: sum, evaluator: command, command: [sh, {_folder}/score.sh, \"{{model}}\"], metric: score}}\n",
        _folder, "moe.yml", "moe");

    [Fact]
    public void Router_and_expert_genes_per_layer_group_reach_their_tensors()
    {
        string run = Path.Combine(_folder, "run");
        using (var search = SearchRun.Start(Config(), run))
            Assert.Equal(SearchEnd.Finished, search.Run().End);

        var lines = File.ReadAllLines(Path.Combine(run, "trials.csv"));
        var header = lines[0].Split(',');
        var genes = header.Where(h => h.StartsWith("layers_", StringComparison.Ordinal) || h.Contains(".a.", StringComparison.Ordinal) || h.Contains(".b.", StringComparison.Ordinal)).ToList();
        string[] perGroup(int layer) => [.. new[] { "a", "b" }.SelectMany(m => new[] { $"layers_{layer}-{layer}.{m}.block_sparse_moe.gate.weight", $"layers_{layer}-{layer}.{m}.experts.weight", $"layers_{layer}-{layer}.{m}.weight" })];
        Assert.Equal([.. perGroup(0), .. perGroup(1), "embed.a.weight", "embed.b.weight", "norm.a.weight", "norm.b.weight", "head.a.weight", "head.b.weight"], genes);
        Assert.All(lines.Skip(1), l => Assert.Contains(",completed,", l));

        // The exported trial holds what its genes say: per layer group, the router, the experts and the rest
        // each get their own task-vector weights (|gene| clamped into [0, 1]).
        var row = lines[^1].Split(',');
        double Weight(string gene) => Math.Clamp(Math.Abs(double.Parse(row[Array.IndexOf(header, gene)], CultureInfo.InvariantCulture)), 0, 1);
        long trial = long.Parse(row[0], CultureInfo.InvariantCulture);
        string exported = Path.Combine(_folder, "export");
        RunExports.Export(run, trial, exported);
        var checks = new[]
        {
            ("model.layers.1.block_sparse_moe.gate.weight", "layers_1-1.{0}.block_sparse_moe.gate.weight"),
            (TinyMoeCheckpoints.ExpertTensor(MoeLayout.Mixtral, 0, 2, 1), "layers_0-0.{0}.experts.weight"),
            (TinyMoeCheckpoints.ExpertTensor(MoeLayout.Mixtral, 1, 3, 0), "layers_1-1.{0}.experts.weight"),
            ("model.layers.0.self_attn.v_proj.weight", "layers_0-0.{0}.weight"),
        };
        foreach (var (tensor, gene) in checks)
        {
            double wa = Weight(string.Format(CultureInfo.InvariantCulture, gene, "a")), wb = Weight(string.Format(CultureInfo.InvariantCulture, gene, "b"));
            float[] merged = Read(exported, tensor), b0 = Read(Model("base"), tensor), a = Read(Model("a"), tensor), b = Read(Model("b"), tensor);
            for (int i = 0; i < merged.Length; i++)
            {
                double want = b0[i] + wa * (a[i] - b0[i]) + wb * (b[i] - b0[i]);
                Assert.True(Math.Abs(want - merged[i]) < 1e-5, $"{tensor}[{i}]: {merged[i]}, expected {want} (weights {wa}, {wb} from {gene})");
            }
        }
    }

    [Fact]
    public void A_filter_that_matches_no_layer_tensor_or_only_tensors_an_earlier_one_takes_is_refused_before_weights_are_read()
    {
        var error = Assert.Throws<SearchConfigException>(() => SearchRun.Start(Config("block_sparse_moe.gates, experts, experts.1."), Path.Combine(_folder, "bad")));

        Assert.Contains(error.Problems, p => p.StartsWith("genome.filters: 'block_sparse_moe.gates' matches no layer tensor (a part of names like 'model.layers.0.input_layernorm.weight'", StringComparison.Ordinal));
        Assert.Contains("genome.filters: every tensor 'experts.1.' matches is taken by the earlier filter 'experts' (the first match wins), so its genes would change nothing; list it first or drop it.", error.Problems);
        Assert.Equal(2, error.Problems.Count(p => p.StartsWith("genome.filters:", StringComparison.Ordinal)));
    }

    [Fact]
    public void One_expert_can_have_genes_of_its_own_when_its_filter_comes_first()
    {
        using var setup = SearchSetup.Prepare(Config("experts.1., experts"), _folder);

        Assert.Equal(["layers_0-0.a.experts.1.weight", "layers_0-0.a.experts.weight", "layers_0-0.a.weight"], setup.Space.GeneNames.Take(3));
    }

    [Fact]
    public void Filters_that_would_give_the_same_gene_names_are_refused()
    {
        var error = Assert.Throws<SearchConfigException>(() => Config("experts, .experts., ..."));

        Assert.Contains("genome.filters: 'experts' and '.experts.' give the same gene names ('experts', without the dots at the ends); keep one.", error.Problems);
        Assert.Contains(error.Problems, p => p.StartsWith("genome.filters: '...' has nothing but dots", StringComparison.Ordinal));
    }

    string Model(string name) => Path.Combine(_folder, "models", name);

    static float[] Read(string folder, string tensor)
    {
        using var checkpoint = SafeTensorsCheckpoint.Open(folder);
        return MemoryMarshal.Cast<byte, float>(checkpoint.GetBytes(tensor)).ToArray();
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
