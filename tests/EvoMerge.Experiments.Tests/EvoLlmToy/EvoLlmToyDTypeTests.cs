using EvoMerge.Experiments.EvoLlmToy;
using EvoMerge.Experiments.EvoLlmToyExperiment;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;

namespace EvoMerge.Experiments.Tests.EvoLlmToy;

/// <summary>
/// The toy experiment's configs give no language dtype; its models are float32 checkpoints, so the default (the
/// checkpoint's own dtype) keeps them in float32 and the experiment's results unchanged.
/// </summary>
public sealed class EvoLlmToyDTypeTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("evollm-toy-dtype-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    [Trait("Category", "Slow")]
    public void Every_language_task_of_the_toy_searches_runs_in_float32()
    {
        var assets = EvoLlmToyAssets.Prepare(Path.Combine(_root, "assets"), TinyToyOptions.Assets);
        string[] configs =
        [
            ToySearchConfigs.ParameterSpace(assets, evaluations: 4, maxNewTokens: 4, seed: 1),
            ToySearchConfigs.DataFlow(assets, evaluations: 4, maxNewTokens: 4, seed: 1, includeMerge: null, optimizer: "sep-cmaes"),
        ];

        foreach (var yaml in configs)
        {
            Assert.DoesNotContain("dtype:", yaml);
            var config = SearchConfigParser.Parse(yaml, _root, "toy.yml", "toy");
            Assert.All(config.Tasks, t => Assert.Equal("float32", t.SettingsAs<EvoMerge.Search.Tasks.Language.LanguageTaskSpec>().DType));
        }
    }
}
