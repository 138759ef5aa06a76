using EvoMerge.Farm;
using EvoMerge.Farm.Local;
using EvoMerge.Search.ConfigFile;

namespace EvoMerge.Cli.Tests;

/// <summary>A search waits for its local workers before the first generation, but never for a worker that cannot start.</summary>
[Collection("console")]
public sealed class LocalWorkerWaitTests : IDisposable
{
    readonly TempFolder _temp = new();

    [Fact]
    public void Workers_that_die_before_joining_end_the_wait_once_the_pool_gives_up_on_them()
    {
        string path = _temp.Combine("search.yml");
        File.WriteAllText(path, DemoDigitsConfig.Prepare(_temp).Yaml);
        var config = SearchConfigParser.ParseFile(path, _temp.Path);
        config = config with { Execution = FarmPlan.Resolve(config.Execution, 2, null) };
        var notes = new List<string>();
        Action<string> note = m => { lock (notes) notes.Add(m); };
        // /bin/false exits at once: every start fails, as a worker whose runtime cannot load would.
        using var farm = SearchFarm.Start(config, config.Execution, new WorkerLauncher("/bin/false", []), _temp.Path, note);

        bool joined = farm.WaitForLocalWorkers(TimeSpan.FromMinutes(10), note);

        Assert.False(joined);
        Assert.Equal(2, farm.Local!.GivenUp);
        Assert.Equal(0, farm.Status().Workers);
        lock (notes) Assert.Contains(notes, n => n.Contains("local-2 exited", StringComparison.Ordinal) && n.Contains("not restarted", StringComparison.Ordinal));
    }

    public void Dispose() => _temp.Dispose();
}
