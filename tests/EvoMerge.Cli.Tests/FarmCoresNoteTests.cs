using EvoMerge.Farm;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Tasks;

namespace EvoMerge.Cli.Tests;

/// <summary>The note a search prints when its local CPU slots would take every core for in-worker evaluation.</summary>
public sealed class FarmCoresNoteTests : IDisposable
{
    readonly TempFolder _temp = new();

    [Fact]
    public void Two_classifier_workers_on_two_cores_get_the_note_and_one_worker_does_not()
    {
        var config = Demo();
        var two = config with { Execution = FarmPlan.Resolve(config.Execution, 2, null) };
        var one = config with { Execution = FarmPlan.Resolve(config.Execution, 1, null) };

        var note = FarmPlan.CoresNote(two, processorCount: 2);

        Assert.NotNull(note);
        Assert.Contains("2 local CPU slots on 2 cores", note, StringComparison.Ordinal);
        Assert.Contains("classifier", note, StringComparison.Ordinal);
        Assert.Null(FarmPlan.CoresNote(one, processorCount: 2));
        Assert.Null(FarmPlan.CoresNote(two, processorCount: 16));
        // Slots count, not only workers: one worker with two slots takes both cores too.
        Assert.NotNull(FarmPlan.CoresNote(config with { Execution = FarmPlan.Resolve(config.Execution, 1, 2) }, processorCount: 2));
    }

    [Fact]
    public void No_note_when_the_evaluation_runs_outside_the_workers_cores()
    {
        var config = Demo();
        var farm = config with { Execution = FarmPlan.Resolve(config.Execution, 4, null) };
        var command = TaskKindRegistry.Get("command");

        Assert.Null(FarmPlan.CoresNote(farm with { Tasks = [.. farm.Tasks.Select(t => t with { Kind = command })] }, processorCount: 2));
        Assert.Null(FarmPlan.CoresNote(farm with { Device = "cuda:0" }, processorCount: 2));
        Assert.Null(FarmPlan.CoresNote(config, processorCount: 1));
    }

    Search.Config.SearchConfig Demo()
    {
        string path = _temp.Combine("search.yml");
        File.WriteAllText(path, DemoDigitsConfig.Prepare(_temp).Yaml);
        return SearchConfigParser.ParseFile(path, _temp.Path);
    }

    public void Dispose() => _temp.Dispose();
}
