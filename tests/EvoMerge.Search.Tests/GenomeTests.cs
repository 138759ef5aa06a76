using EvoMerge.Merging.Config;
using EvoMerge.Merging.Output;
using EvoMerge.Merging.Planning;
using EvoMerge.Merging.Samples;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Genomes;
using EvoMerge.Search.Materialization;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests;

public sealed class GenomeTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    (SearchConfig Config, Dictionary<string, ModelCheckpoint> Headers) Load(SearchConfig config)
    {
        var problems = new List<string>();
        var headers = new[] { config.Models.Base! }.Concat(config.Models.Experts)
            .ToDictionary(m => m.Path, m => ModelCheckpoint.TryLoad(m.Path, problems)!);
        Assert.Empty(problems);
        return (config, headers);
    }

    ParameterSpaceGenome Build(SearchConfig config, Dictionary<string, ModelCheckpoint> headers)
    {
        var problems = new List<string>();
        var genome = ParameterSpaceGenome.Build(config, headers, problems);
        Assert.Empty(problems);
        return genome!;
    }

    [Fact]
    public void Gene_names_follow_the_conventions_with_filters_and_granularity()
    {
        var config = SearchConfigParser.ParseFile(_fixture.Config("cmaes", method: "ties", genomeExtra: "  filters: [bias]\n"), _fixture.Folder) with { };
        config = config with { Genome = config.Genome with { LayerGranularity = 2 } };
        var (c, headers) = Load(config);
        var genome = Build(c, headers);

        Assert.Equal(
        [
            "layers_0-1.expert_a.bias.weight", "layers_0-1.expert_a.bias.density", "layers_0-1.expert_a.weight", "layers_0-1.expert_a.density",
            "layers_0-1.expert_b.bias.weight", "layers_0-1.expert_b.bias.density", "layers_0-1.expert_b.weight", "layers_0-1.expert_b.density",
            "layers_2-2.expert_a.bias.weight", "layers_2-2.expert_a.bias.density", "layers_2-2.expert_a.weight", "layers_2-2.expert_a.density",
            "layers_2-2.expert_b.bias.weight", "layers_2-2.expert_b.bias.density", "layers_2-2.expert_b.weight", "layers_2-2.expert_b.density",
        ], genome.GeneNames);
        Assert.Equal([0.5, 1, 0.5, 1, 0.5, 1, 0.5, 1, 0.5, 1, 0.5, 1, 0.5, 1, 0.5, 1], genome.Initial());
    }

    [Fact]
    public void Decoded_genes_reach_the_right_tensors()
    {
        var (config, headers) = Load(SearchConfigParser.ParseFile(_fixture.Config("cmaes", method: "ties", genomeExtra: "  filters: [bias]\n"), _fixture.Folder));
        var genome = Build(config, headers);
        var genes = genome.Initial();
        int i = genome.GeneNames.ToList().IndexOf("layers_1-1.expert_b.bias.weight");
        genes[i] = 0.8;
        genes[genome.GeneNames.ToList().IndexOf("layers_1-1.expert_a.density")] = -0.3; // decoded as |x| clamped into [0.1, 1]

        var plan = MergePlanner.Plan(genome.Decode(genes, 7), headers);

        var bias = plan.Tensors.Single(t => t.OutputName == "layers.1.bias").Inputs.Single(x => x.Model.EndsWith("expert_b"));
        var weight = plan.Tensors.Single(t => t.OutputName == "layers.1.weight").Inputs.Single(x => x.Model.EndsWith("expert_b"));
        var densityA = plan.Tensors.Single(t => t.OutputName == "layers.1.weight").Inputs.Single(x => x.Model.EndsWith("expert_a"));
        Assert.Equal(0.8, bias.Parameters["weight"]);
        Assert.Equal(0.5, weight.Parameters["weight"]);
        Assert.Equal(0.3, densityA.Parameters["density"], 12);
        Assert.Equal(7, plan.RandomSeed);
    }

    [Fact]
    public void Non_layer_tensors_get_their_own_genes()
    {
        string models = _fixture.PathOf("llama");
        var shape = new TinyLlamaShape(Layers: 2);
        TinyLlamaCheckpoints.Write(Path.Combine(models, "base"), shape, baseSeed: 1);
        TinyLlamaCheckpoints.Write(Path.Combine(models, "a"), shape, baseSeed: 1, expertSeed: 2);
        TinyLlamaCheckpoints.Write(Path.Combine(models, "b"), shape, baseSeed: 1, expertSeed: 3);
        string yaml = $"seed: 1\nmodels: {{base: {models}/base, experts: [{models}/a, {models}/b]}}\nmerge: {{method: task_arithmetic}}\n" +
                      "optimizer: {name: cmaes}\nbudget: {evaluations: 1}\ntasks: [{name: t, evaluator: command, command: 'true {model}', metric: m}]\n";
        var (config, headers) = Load(SearchConfigParser.Parse(yaml, _fixture.Folder, "llama.yml", "llama"));
        var genome = Build(config, headers);

        Assert.Equal(
        [
            "layers_0-0.a.weight", "layers_0-0.b.weight", "layers_1-1.a.weight", "layers_1-1.b.weight",
            "embed.a.weight", "embed.b.weight", "norm.a.weight", "norm.b.weight", "head.a.weight", "head.b.weight",
        ], genome.GeneNames);

        var genes = genome.Initial();
        genes[genome.GeneNames.ToList().IndexOf("head.b.weight")] = 0.9;
        var plan = MergePlanner.Plan(genome.Decode(genes, 0), headers);
        double Weight(string tensor, string model) => plan.Tensors.Single(t => t.OutputName == tensor).Inputs.Single(x => x.Model.EndsWith("/" + model)).Parameters["weight"];
        Assert.Equal(0.9, Weight("lm_head.weight", "b"));
        Assert.Equal(0.5, Weight("model.norm.weight", "b"));
        Assert.Equal(0.5, Weight("model.layers.1.mlp.up_proj.weight", "b"));
    }

    [Fact]
    public void The_exported_recipe_merges_to_exactly_the_in_memory_model()
    {
        var (config, headers) = Load(SearchConfigParser.ParseFile(_fixture.Config("cmaes", method: "dare_ties"), _fixture.Folder));
        var genome = Build(config, headers);
        var genes = genome.Initial().Select((g, i) => g * (0.6 + 0.1 * (i % 4))).ToArray();
        var recipe = genome.Decode(genes, 12345);

        using var materializer = new InMemoryMaterializer(headers, TorchSharp.torch.CPU);
        var inMemory = materializer.Materialize(recipe, CancellationToken.None);

        string yamlPath = _fixture.PathOf("recipe.yml");
        File.WriteAllText(yamlPath, MergeConfigWriter.ToYaml(recipe));
        var reparsed = MergeConfigParser.ParseFile(yamlPath, _fixture.Folder);
        string outDir = _fixture.PathOf("exported");
        var plan = MergeJob.Prepare(reparsed, outDir, new MergeJobOptions());
        MergeJob.Run(plan, outDir, new MergeJobOptions());
        var fromDisk = EvoMerge.Evaluation.Contracts.MergedModel.ReadSafeTensors(outDir);

        Assert.Equal(inMemory.Tensors.Keys, fromDisk.Tensors.Keys);
        foreach (var (name, tensor) in inMemory.Tensors)
            Assert.True(tensor.Bytes.SequenceEqual(fromDisk.Tensors[name].Bytes), $"tensor {name} differs");
    }

    [Fact]
    public void Expert_seeds_reproduce_each_expert_alone()
    {
        var (config, headers) = Load(SearchConfigParser.ParseFile(_fixture.Config("m2n2"), _fixture.Folder));
        var genome = Build(config, headers);
        var seeds = genome.ExpertSeeds();

        Assert.Equal(2, seeds.Count);
        Assert.Equal([1.0, 0.0, 1.0, 0.0, 1.0, 0.0], seeds[0]);
        Assert.Equal([0.0, 1.0, 0.0, 1.0, 0.0, 1.0], seeds[1]);
    }

    public void Dispose() => _fixture.Dispose();
}
