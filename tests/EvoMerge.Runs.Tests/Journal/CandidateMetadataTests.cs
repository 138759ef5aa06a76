using System.Text.Json;
using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Csv;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Runs.Tests;

public class CandidateMetadataTests
{
    private static readonly Dictionary<string, string> Lineage = new() { ["split_at"] = "4", ["parents"] = "0 1" };

    [Fact]
    public void Metadata_is_journaled_with_its_candidate_and_reaches_the_trial_record()
    {
        using var folder = new TempFolder();
        using (var journal = RunJournal.Create(folder.Path, Samples.Created()))
        {
            journal.Append(new BatchAsked(0, [new Candidate(0, [1.0]), new Candidate(1, [2.0], Lineage)]));
        }

        var state = RunState.From(RunJournal.ReadOnly(folder.Path));
        Assert.Null(state.TrialsById[0].Metadata);
        Assert.Equal(Lineage.OrderBy(e => e.Key), state.TrialsById[1].Metadata!.OrderBy(e => e.Key));
        // Written in key order, whatever order the optimizer filled them in.
        string line = File.ReadAllLines(Path.Combine(folder.Path, RunJournal.FileName))[1];
        Assert.Contains("\"metadata\":{\"parents\":\"0 1\",\"split_at\":\"4\"}", line);
    }

    [Fact]
    public void A_batch_journaled_before_candidates_had_metadata_still_loads()
    {
        using var old = JsonDocument.Parse("{\"generation\":2,\"candidates\":[{\"id\":5,\"genes\":[0.5]}]}");

        var batch = BatchAsked.Read(old.RootElement);

        Assert.Null(Assert.Single(batch.Candidates).Metadata);
    }

    [Fact]
    public void Metadata_that_is_not_an_object_of_strings_is_a_format_error_naming_the_member()
    {
        using var bad = JsonDocument.Parse("{\"generation\":0,\"candidates\":[{\"id\":0,\"genes\":[0.5],\"metadata\":{\"parents\":[0,1]}}]}");

        var error = Assert.Throws<JournalFormatException>(() => BatchAsked.Read(bad.RootElement));

        Assert.Contains("\"parents\"", error.Message);
    }

    [Fact]
    public void The_batch_keeps_its_own_copy_of_the_metadata()
    {
        var metadata = new Dictionary<string, string>(Lineage);
        var batch = new BatchAsked(0, [new Candidate(0, [1.0], metadata)]);

        metadata["parents"] = "changed";

        Assert.Equal("0 1", batch.Candidates[0].Metadata!["parents"]);
    }

    [Fact]
    public void Lineage_csv_has_a_row_per_finished_trial_with_metadata_and_a_column_per_key()
    {
        var state = RunState.From([
            Samples.Created(),
            new BatchAsked(0, [new Candidate(0, [1.0]), new Candidate(1, [2.0])]),
            new TrialCompleted(0, 0, [0.5], new Dictionary<string, double>(), null, 1),
            new TrialCompleted(1, 0, [0.25], new Dictionary<string, double>(), null, 1),
            new BatchAsked(1, [
                new Candidate(2, [3.0], Lineage),
                new Candidate(3, [4.0], new Dictionary<string, string> { ["parents"] = "1" }),
                new Candidate(4, [5.0], Lineage),
            ]),
            new TrialCompleted(2, 1, [0.125], new Dictionary<string, double>(), null, 1),
            new TrialFailed(3, 1, "diverged", 1),
        ]);

        var text = new StringWriter();
        LineageCsv.Write(text, state);

        // Trial 4 is still pending: like trials.csv, only finished trials have a row.
        Assert.Equal("trial,parents,split_at\n2,0 1,4\n3,1,\n", text.ToString());
    }

    [Fact]
    public void A_run_without_metadata_gets_no_lineage_file()
    {
        using var folder = new TempFolder();
        var state = RunState.From([
            Samples.Created(),
            new BatchAsked(0, [new Candidate(0, [1.0])]),
            new TrialCompleted(0, 0, [0.5], new Dictionary<string, double>(), null, 1),
        ]);

        Assert.False(LineageCsv.WriteFile(Path.Combine(folder.Path, LineageCsv.FileName), state));

        Assert.False(File.Exists(Path.Combine(folder.Path, LineageCsv.FileName)));
    }
}
