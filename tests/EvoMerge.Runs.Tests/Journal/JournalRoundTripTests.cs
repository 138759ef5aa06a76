using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Runs.Tests;

public class JournalRoundTripTests
{
    [Fact]
    public void Every_event_type_reads_back_with_all_its_fields()
    {
        using var folder = new TempFolder();
        var created = Samples.Created(seed: ulong.MaxValue);
        var batch = new BatchAsked(3, [new Candidate(7, [1.0 / 3, -0.0]), new Candidate(8, [double.Epsilon, 2.5])]);
        var completed = new TrialCompleted(
            7, 3, [0.125, -1e-310], new Dictionary<string, double> { ["task.b.f1"] = 0.5, ["task.a.acc"] = double.NaN }, [1, 0, 1], 12.75)
        { Worker = "gpu-box-1" };
        var failed = new TrialFailed(8, 3, "CUDA error: out of memory", 0.5);
        var snapshot = new SnapshotWritten(3, "gen-000003.json", new string('a', 64));
        var finished = new RunFinished(["EvaluationBudget", "Tolerance"]);
        using (var journal = RunJournal.Create(folder.Path, created))
        {
            Assert.Equal(1, journal.Append(batch));
            journal.Append(completed);
            journal.Append(failed);
            journal.Append(snapshot);
            Assert.Equal(5, journal.Append(finished));
        }

        var replay = RunJournal.ReadOnly(folder.Path);
        Assert.Equal([0L, 1, 2, 3, 4, 5], replay.Records.Select(r => r.Sequence));
        Assert.Equal([1, 2, 3, 4, 5, 6], replay.Records.Select(r => r.LineNumber));
        Assert.Equal(6, replay.Report.LinesRead);
        Assert.False(replay.Report.TornLastLineDropped);

        var c = Assert.IsType<RunCreated>(replay.Records[0].Event);
        Assert.Equal((created.ConfigHash, created.Seed, created.CreatedUtc, created.FormatVersion), (c.ConfigHash, c.Seed, c.CreatedUtc, c.FormatVersion));
        Assert.Equal(created.Extra.ToJsonString(), c.Extra.ToJsonString());

        var b = Assert.IsType<BatchAsked>(replay.Records[1].Event);
        Assert.Equal(3, b.Generation);
        Assert.Equal([7L, 8], b.Candidates.Select(x => x.Id));
        Bits.Equal(batch.Candidates[0].Genes, b.Candidates[0].Genes);
        Bits.Equal(batch.Candidates[1].Genes, b.Candidates[1].Genes);

        var t = Assert.IsType<TrialCompleted>(replay.Records[2].Event);
        Assert.Equal((7L, 3, 12.75, "gpu-box-1"), (t.TrialId, t.Generation, t.Seconds, t.Worker));
        Bits.Equal(completed.Objectives, t.Objectives);
        Assert.Equal(["task.a.acc", "task.b.f1"], t.Metrics.Keys);
        Assert.True(double.IsNaN(t.Metrics["task.a.acc"]));
        Assert.Equal(0.5, t.Metrics["task.b.f1"]);
        Bits.Equal([1.0, 0, 1], t.PerExampleScores!);

        var f = Assert.IsType<TrialFailed>(replay.Records[3].Event);
        Assert.Equal((8L, 3, "CUDA error: out of memory", 0.5, (string?)null), (f.TrialId, f.Generation, f.Reason, f.Seconds, f.Worker));

        var s = Assert.IsType<SnapshotWritten>(replay.Records[4].Event);
        Assert.Equal((3, "gen-000003.json", new string('a', 64)), (s.Generation, s.FileName, s.Sha256));

        var r = Assert.IsType<RunFinished>(replay.Records[5].Event);
        Assert.Equal(["EvaluationBudget", "Tolerance"], r.Reasons);
    }

    [Fact]
    public void Doubles_round_trip_bit_for_bit_including_subnormals_signed_zero_and_non_finite_values()
    {
        using var folder = new TempFolder();
        double[] values = [.. Samples.TrickyDoubles, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        using (var journal = RunJournal.Create(folder.Path, Samples.Created()))
        {
            journal.Append(new BatchAsked(0, [new Candidate(0, values)]));
            journal.Append(new TrialCompleted(0, 0, values, new Dictionary<string, double>(), values, 0));
        }

        var events = RunJournal.ReadOnly(folder.Path).Events.ToList();
        Bits.Equal(values, ((BatchAsked)events[1]).Candidates[0].Genes);
        Bits.Equal(values, ((TrialCompleted)events[2]).Objectives);
        Bits.Equal(values, ((TrialCompleted)events[2]).PerExampleScores!);
    }

    [Fact]
    public void Every_line_is_plain_json_with_seq_type_data_and_a_trailing_checksum()
    {
        using var folder = new TempFolder();
        Samples.WriteSmallJournal(folder.Path);

        byte[] bytes = File.ReadAllBytes(Path.Combine(folder.Path, RunJournal.FileName));
        Assert.Equal((byte)'\n', bytes[^1]);
        string[] lines = File.ReadAllText(Path.Combine(folder.Path, RunJournal.FileName)).TrimEnd('\n').Split('\n');
        Assert.Equal(6, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            using var document = JsonDocument.Parse(lines[i]);
            var names = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(["seq", "type", "data", "sha"], names);
            Assert.Equal(i, document.RootElement.GetProperty("seq").GetInt64());
            Assert.Matches("^[0-9a-f]{16}$", document.RootElement.GetProperty("sha").GetString());
        }

        Assert.StartsWith("{\"seq\":0,\"type\":\"run_created\",\"data\":{\"formatVersion\":1,", lines[0]);
        Assert.Contains("\"reason\":\"out of memory, \\\"oops\\\"\\nsecond line\"", lines[3]);
    }

    [Fact]
    public void Identical_events_give_identical_bytes_whatever_the_metric_insertion_order()
    {
        var forward = new TrialCompleted(1, 0, [1], new Dictionary<string, double> { ["a"] = 1, ["b"] = 2 }, null, 0);
        var backward = new TrialCompleted(1, 0, [1], new Dictionary<string, double> { ["b"] = 2, ["a"] = 1 }, null, 0);

        Assert.Equal(JournalLine.Encode(5, forward), JournalLine.Encode(5, backward));
    }

    [Fact]
    public void An_unknown_event_type_is_refused_naming_it()
    {
        using var folder = new TempFolder();
        using (var journal = RunJournal.Create(folder.Path, Samples.Created()))
        {
            journal.Append(new NoteEvent("hello"));
        }

        var error = Assert.Throws<JournalCorruptException>(() => RunJournal.ReadOnly(folder.Path));
        Assert.Equal(2, error.LineNumber);
        Assert.Contains("Unknown event type \"note\"", error.Message);
    }

    [Fact]
    public void A_journal_written_by_a_newer_format_is_refused_with_the_versions()
    {
        using var folder = new TempFolder();
        using (RunJournal.Create(folder.Path, new RunCreated("h", 1, DateTimeOffset.UnixEpoch, new JsonObject(), RunCreated.CurrentFormatVersion + 1)))
        {
        }

        var error = Assert.Throws<JournalCorruptException>(() => RunJournal.ReadOnly(folder.Path));
        Assert.Contains($"format version {RunCreated.CurrentFormatVersion + 1}", error.Message);
    }

    [Fact]
    public void Run_created_can_only_be_written_by_create_and_create_refuses_an_existing_journal()
    {
        using var folder = new TempFolder();
        using var journal = RunJournal.Create(folder.Path, Samples.Created());

        Assert.Throws<ArgumentException>(() => journal.Append(Samples.Created()));
        Assert.Throws<IOException>(() => RunJournal.Create(folder.Path, Samples.Created()));
    }

    [Fact]
    public void Events_validate_their_arguments()
    {
        Assert.Throws<ArgumentException>(() => new BatchAsked(0, []));
        Assert.Throws<ArgumentException>(() => new BatchAsked(0, [new Candidate(1, [0]), new Candidate(1, [1])]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrialCompleted(0, 0, [1], new Dictionary<string, double>(), null, double.NaN));
        Assert.Throws<ArgumentException>(() => new TrialCompleted(0, 0, [], new Dictionary<string, double>(), null, 1));
        Assert.Throws<ArgumentException>(() => new TrialFailed(0, 0, " ", 1));
        Assert.Throws<ArgumentException>(() => new SnapshotWritten(0, "../x.json", new string('a', 64)));
        Assert.Throws<ArgumentException>(() => new SnapshotWritten(0, "x.json", "ABC"));
        Assert.Throws<ArgumentException>(() => new RunFinished([]));
    }

    [Fact]
    public void Events_keep_their_own_copies_of_caller_arrays()
    {
        double[] genes = [1, 2];
        var batch = new BatchAsked(0, [new Candidate(0, genes)]);
        genes[0] = 99;

        Assert.Equal(1, batch.Candidates[0].Genes[0]);
    }

    private sealed record NoteEvent(string Text) : JournalEvent
    {
        public const string TypeName = "note";

        public override string Type => TypeName;

        public override void WriteData(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("text", Text);
            writer.WriteEndObject();
        }
    }
}
