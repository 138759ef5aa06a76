using System.Text.Json.Nodes;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.Schema;
using EvoMerge.Runs.Storage.State;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Inputs;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests;

/// <summary>Runs journaled by an earlier EvoMerge resume when their config hash means the same, and are refused by name when not.</summary>
public sealed class ConfigHashVersionTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    static SearchRunOptions Fast => new() { CommitInterval = TimeSpan.Zero, SnapshotInterval = TimeSpan.Zero, CsvInterval = TimeSpan.FromHours(1) };

    string NewRunFolder() => _fixture.PathOf("run-" + Guid.NewGuid().ToString("N"));

    /// <summary>A run folder as EvoMerge 23d51dd created it: run_created's extra without config_hash_version, or with <paramref name="version"/>.</summary>
    string CreateAsBefore(SearchConfig config, int? version)
    {
        JsonObject extra;
        using (var setup = SearchSetup.Prepare(config, Path.GetTempPath()))
            extra = new JsonObject
            {
                [RunSchema.ExtraKey] = setup.Schema.ToJson(),
                ["optimizer"] = config.Optimizer.Name,
                ["genome"] = setup.Space.Kind,
                ["genome_dimension"] = setup.Space.GeneNames.Count,
                [InputIdentity.ExtraKey] = InputIdentity.Record(config),
            };
        if (version is int v) extra["config_hash_version"] = v;
        string folder = NewRunFolder();
        using (RunFolder.Create(folder, SearchConfigWriter.ToYaml(config), new RunCreated(SearchConfigWriter.SearchHash(config), config.Seed, DateTimeOffset.UtcNow, extra)))
        {
        }
        return folder;
    }

    [Fact]
    public void A_run_started_before_the_hash_version_was_recorded_resumes_and_equals_a_new_run()
    {
        var config = SearchConfigParser.ParseFile(_fixture.Config("cmaes", evaluations: 12), _fixture.Folder);
        string reference = NewRunFolder();
        using (var run = SearchRun.Start(config, reference, Fast)) run.Run();

        string old = CreateAsBefore(config, version: null);
        using (var run = SearchRun.Resume(old, null, Fast))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        Assert.Equal(RunFiles.TrialsWithoutSeconds(reference), RunFiles.TrialsWithoutSeconds(old));
    }

    [Fact]
    public void A_run_hashed_under_another_definition_is_refused_naming_both_versions()
    {
        var config = SearchConfigParser.ParseFile(_fixture.Config("cmaes", evaluations: 12), _fixture.Folder);
        string other = CreateAsBefore(config, version: SearchConfigWriter.HashVersion + 1);

        var error = Assert.Throws<ResumeRefusedException>(() => SearchRun.Resume(other, null, Fast));

        Assert.Contains($"config hash v{SearchConfigWriter.HashVersion + 1}; this one uses v{SearchConfigWriter.HashVersion}", error.Message);
        Assert.Contains("start a new run", error.Message);
    }

    [Fact]
    public void A_new_run_records_the_hash_version()
    {
        var config = SearchConfigParser.ParseFile(_fixture.Config("cmaes", evaluations: 12), _fixture.Folder);
        string folder = NewRunFolder();
        using (SearchRun.Start(config, folder, Fast))
        {
        }

        var created = RunState.From(RunJournal.ReadOnly(folder)).Created;
        Assert.Equal(SearchConfigWriter.HashVersion, created.Extra["config_hash_version"]!.GetValue<int>());
    }

    public void Dispose() => _fixture.Dispose();
}
