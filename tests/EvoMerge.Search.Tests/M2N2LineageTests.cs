using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Csv;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.State;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests;

/// <summary>M2N2 names each child's parents; the run journals them as candidate metadata and writes lineage.csv.</summary>
public sealed class M2N2LineageTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    static SearchRunOptions Fast => new() { CommitInterval = TimeSpan.Zero, SnapshotInterval = TimeSpan.Zero, CsvInterval = TimeSpan.FromHours(1) };

    SearchConfig Config(long evaluations) =>
        SearchConfigParser.ParseFile(_fixture.Config("m2n2", evaluations: evaluations, population: 6), _fixture.Folder);

    string NewRunFolder() => _fixture.PathOf("run-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Every_child_is_journaled_with_parents_that_are_earlier_completed_trials()
    {
        string folder = NewRunFolder();
        using (var run = SearchRun.Start(Config(20), folder, Fast))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        var state = RunState.From(RunJournal.ReadOnly(folder));
        var seeds = state.Trials.Where(t => t.Generation == 0).ToList();
        Assert.All(seeds, t => Assert.Null(t.Metadata));
        var children = state.Trials.Where(t => t.Generation > 0).ToList();
        Assert.NotEmpty(children);
        foreach (var child in children)
        {
            var parents = CandidateMetadata.ParseIds(child.Metadata?.GetValueOrDefault(CandidateMetadata.Parents));
            Assert.InRange(parents.Count, 1, 2);
            Assert.All(parents, p =>
            {
                var parent = state.TrialsById[p];
                Assert.True(parent.Generation < child.Generation, $"trial {child.TrialId} names parent {p} of generation {parent.Generation}");
                Assert.Equal(TrialStatus.Completed, parent.Status);
            });
            Assert.True(int.TryParse(child.Metadata![CandidateMetadata.SplitAt], out int split) && split >= 0);
        }

        var lineage = File.ReadAllLines(Path.Combine(folder, LineageCsv.FileName));
        Assert.Equal("trial,parents,split_at", lineage[0]);
        Assert.Equal(children.Count, lineage.Length - 1);
    }

    [Fact]
    public void An_interrupted_and_resumed_run_journals_the_same_parents()
    {
        var config = Config(24);
        string reference = NewRunFolder();
        using (var run = SearchRun.Start(config, reference, Fast))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        string folder = NewRunFolder();
        foreach (int stopAfter in new[] { 3, 8, 5 })
        {
            using var cancel = new CancellationTokenSource();
            int seen = 0;
            using var run = Directory.Exists(folder) ? SearchRun.Resume(folder, null, Fast) : SearchRun.Start(config, folder, Fast);
            var outcome = run.Run(new SyncProgress(_ => { if (++seen == stopAfter) cancel.Cancel(); }), cancel.Token);
            Assert.Equal(SearchEnd.Interrupted, outcome.End);
        }

        using (var run = SearchRun.Resume(folder, null, Fast))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        Assert.Equal(Lineage(reference), Lineage(folder));
        Assert.Equal(File.ReadAllText(Path.Combine(reference, LineageCsv.FileName)), File.ReadAllText(Path.Combine(folder, LineageCsv.FileName)));
        Assert.Equal(RunFiles.TrialsWithoutSeconds(reference), RunFiles.TrialsWithoutSeconds(folder));
    }

    static List<string> Lineage(string folder) =>
        RunState.From(RunJournal.ReadOnly(folder)).Trials
            .Select(t => $"{t.TrialId}:{string.Join(';', (t.Metadata ?? new Dictionary<string, string>()).Select(m => m.Key + "=" + m.Value))}")
            .ToList();

    public void Dispose() => _fixture.Dispose();
}
