using EvoMerge.Farm.Coordination;
using EvoMerge.Farm.Protocol;
using EvoMerge.Farm.Worker;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Inputs;
using EvoMerge.TestSupport;

namespace EvoMerge.Cli.Tests;

/// <summary>
/// A worker whose models and data live at other paths than the coordinator's (`worker --path-map FROM=TO`):
/// it reads the coordinator's config through the map, reports its files under the coordinator's paths, and a
/// mapping that leads to missing or different files is refused naming both paths.
/// </summary>
public sealed class WorkerPathMapTests : IDisposable
{
    readonly TempFolder _temp = new();
    readonly string _assets;
    readonly string _moved;
    readonly JoinChallenge _run;
    readonly System.Text.Json.Nodes.JsonNode _coordinatorFiles;

    public WorkerPathMapTests()
    {
        var demo = DemoDigitsConfig.Prepare(_temp);
        _assets = demo.AssetsFolder;
        string yaml = demo.Yaml;
        var config = SearchConfigParser.Parse(yaml, _temp.Path, "demo", "demo");
        _coordinatorFiles = InputIdentity.Record(config);
        var portable = config with { Output = null, Scratch = null, Execution = ExecutionSpec.InProcess };
        _run = new JoinChallenge("nonce", "run-1", SearchConfigWriter.ToYaml(portable), _temp.Path, Pipeline: true);
        // The worker's machine keeps the same files elsewhere; the coordinator's folder does not exist there.
        _moved = _temp.Combine("elsewhere", "assets");
        Directory.CreateDirectory(Path.GetDirectoryName(_moved)!);
        Directory.Move(_assets, _moved);
    }

    string? Mismatch(SearchWorkerRuntime runtime)
    {
        var (inputs, setupError) = runtime.Inspect(_run);
        Assert.Null(setupError);
        return InputMismatch.Describe(_coordinatorFiles, System.Text.Json.Nodes.JsonNode.Parse(inputs!));
    }

    static SearchWorkerRuntime Worker(params string[] rules) => new(Path.GetTempPath(), _ => { }, PathMap.Parse(rules, "--path-map"));

    [Fact]
    public void A_worker_with_the_files_at_mapped_paths_sees_the_coordinators_files()
    {
        Assert.Null(Mismatch(Worker($"{_assets}={_moved}")));
    }

    [Fact]
    public void Without_the_map_the_worker_cannot_load_the_run_and_says_which_file_is_missing()
    {
        var (_, setupError) = Worker().Inspect(_run);
        Assert.Contains($"{_assets}", setupError);
        Assert.Contains("not found", setupError);
    }

    [Fact]
    public void A_mapping_to_the_wrong_folder_names_both_paths()
    {
        string wrong = _temp.Combine("nowhere");
        var (_, setupError) = Worker($"{_assets}={wrong}").Inspect(_run);
        Assert.Contains($"{wrong}", setupError);
        Assert.Contains($"the coordinator's {_assets}", setupError);
        Assert.Contains("mapped by --path-map", setupError);
    }

    [Fact]
    public void A_mapped_file_that_differs_is_refused_naming_the_coordinators_path_and_the_workers()
    {
        string expert = Directory.GetFiles(Path.Combine(_moved, "models", "expert_5_9"), "*.safetensors").Single();
        var bytes = File.ReadAllBytes(expert);
        bytes[^1] ^= 0x5A;
        File.WriteAllBytes(expert, bytes);
        string original = Path.Combine(_assets, Path.GetRelativePath(_moved, expert));

        string? mismatch = Mismatch(Worker($"{_assets}={_moved}"));

        Assert.NotNull(mismatch);
        Assert.Contains($"{original} (read on the worker as {expert}, by its --path-map): differs on the worker", mismatch);
    }

    public void Dispose() => _temp.Dispose();
}
