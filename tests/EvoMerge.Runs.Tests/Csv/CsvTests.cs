using System.Globalization;
using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Csv;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Runs.Tests;

public class CsvTests
{
    private static readonly RunCsvSchema Schema = new(
        ["layers_0-3.a.weight", "layers_0-3.b.weight", "embed.a.weight"],
        ["task.digits.accuracy"],
        ["error", "size"]);

    [Fact]
    public void Trials_csv_has_the_convention_columns_and_one_row_per_finished_trial()
    {
        var state = RunState.From([
            Samples.Created(),
            new BatchAsked(0, [new Candidate(0, [0.5, -0.0, 1.0 / 3]), new Candidate(1, [1, 2, 3]), new Candidate(2, [4, 5, 6])]),
            new TrialCompleted(0, 0, [0.25, 7], new Dictionary<string, double> { ["task.digits.accuracy"] = 0.75 }, null, 1.5) { Worker = "gpu-box,1" },
            new TrialFailed(1, 0, "diverged, \"NaN\" loss\nat step 3", 0.125),
        ]);

        string csv = Write(text => TrialsCsv.Write(text, state, Schema));

        Assert.Equal(
            "trial,generation,status,reason,seconds,worker,layers_0-3.a.weight,layers_0-3.b.weight,embed.a.weight,task.digits.accuracy,objective.error,objective.size\n"
            + "0,0,completed,,1.5,\"gpu-box,1\",0.5,-0,0.3333333333333333,0.75,0.25,7\n"
            + "1,0,failed,\"diverged, \"\"NaN\"\" loss\nat step 3\",0.125,,1,2,3,,,\n",
            csv);
    }

    [Fact]
    public void Numbers_use_the_invariant_culture_whatever_the_thread_culture_is()
    {
        var commaCulture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commaCulture.NumberFormat.NumberDecimalSeparator = ",";
        commaCulture.NumberFormat.NumberGroupSeparator = ".";
        commaCulture.NumberFormat.NegativeSign = "~";
        var state = RunState.From([
            Samples.Created(),
            new BatchAsked(0, [new Candidate(0, [-1.5, 2.25, 1e-7])]),
            new TrialCompleted(0, 0, [-0.5, 1234567.5], new Dictionary<string, double> { ["task.digits.accuracy"] = 0.5 }, null, 3.75),
        ]);
        var original = CultureInfo.CurrentCulture;
        string trials, generations, pareto;
        try
        {
            CultureInfo.CurrentCulture = commaCulture;
            Assert.Equal("~1,5", (-1.5).ToString());
            trials = Write(text => TrialsCsv.Write(text, state, Schema));
            generations = Write(text => GenerationsCsv.Write(text, state, Schema, [false, false]));
            pareto = Write(text => ParetoCsv.Write(text, state, Schema, [false, false]));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }

        Assert.EndsWith("\n0,0,completed,,3.75,,-1.5,2.25,1E-07,0.5,-0.5,1234567.5\n", trials);
        Assert.EndsWith("\n0,1,1,0,-0.5,1234567.5,-0.5,1234567.5,,,,,,\n", generations);
        Assert.Equal(trials, pareto);
    }

    [Fact]
    public void Csv_doubles_parse_back_to_the_same_bits()
    {
        double[] genes = Samples.TrickyDoubles[..3];
        var state = RunState.From([
            Samples.Created(),
            new BatchAsked(0, [new Candidate(0, genes)]),
            new TrialCompleted(0, 0, [Samples.TrickyDoubles[3], Samples.TrickyDoubles[5]], new Dictionary<string, double> { ["task.digits.accuracy"] = Samples.TrickyDoubles[9] }, null, 0),
        ]);

        string row = Write(text => TrialsCsv.Write(text, state, Schema)).Split('\n')[1];
        var values = row.Split(',')[6..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();

        Bits.Equal([.. genes, Samples.TrickyDoubles[9], Samples.TrickyDoubles[3], Samples.TrickyDoubles[5]], values);
    }

    [Fact]
    public void Pending_trials_have_no_row_and_a_missing_metric_is_an_empty_cell()
    {
        var state = RunState.From([
            Samples.Created(),
            new BatchAsked(0, [new Candidate(0, [1, 2, 3]), new Candidate(1, [1, 2, 3])]),
            new TrialCompleted(0, 0, [1, 2], new Dictionary<string, double>(), null, 1),
        ]);

        string[] lines = Write(text => TrialsCsv.Write(text, state, Schema)).TrimEnd('\n').Split('\n');

        Assert.Equal(2, lines.Length);
        Assert.Equal("0,0,completed,,1,,1,2,3,,1,2", lines[1]);
    }

    [Fact]
    public void Generations_csv_gives_counts_best_by_sense_and_means_per_generation()
    {
        var state = RunState.From([
            Samples.Created(),
            Samples.Batch(0, 0, 3),
            Samples.Completed(0, 0, 3, 10),
            Samples.Completed(1, 0, 1, 30),
            Samples.Failed(2, 0),
            Samples.Batch(1, 3, 2),
            Samples.Failed(3, 1),
        ]);

        string csv = Write(text => GenerationsCsv.Write(text, state, Schema, [false, true]));

        Assert.Equal(
            "generation,trials,completed,failed,best.error,best.size,mean.error,mean.size,seconds,workers,slots,busy_slots,trials_per_s,idle_share\n"
            + "0,3,2,1,1,30,2,20,,,,,,\n"
            + "1,2,0,1,,,,,,,,,,\n",
            csv);
    }

    [Fact]
    public void Pareto_csv_keeps_the_non_dominated_completed_trials_under_each_objectives_sense()
    {
        var state = RunState.From([
            Samples.Created(),
            Samples.Batch(0, 0, 6),
            Samples.Completed(0, 0, 1, 1),
            Samples.Completed(1, 0, 2, 3),
            Samples.Completed(2, 0, 3, 2),
            Samples.Completed(3, 0, 1, 1),
            Samples.Completed(4, 0, double.NaN, 100),
            Samples.Failed(5, 0),
        ]);

        Assert.Equal([0L, 3], ParetoCsv.Front(state, Schema, [false, false]).Select(t => t.TrialId));
        Assert.Equal([0L, 1, 3], ParetoCsv.Front(state, Schema, [false, true]).Select(t => t.TrialId));
        Assert.Equal([0L, 2, 3], ParetoCsv.Front(state, Schema, [true, false]).Select(t => t.TrialId));
        Assert.Equal([1L, 2], ParetoCsv.Front(state, Schema, [true, true]).Select(t => t.TrialId));

        string[] lines = Write(text => ParetoCsv.Write(text, state, Schema, [false, true])).TrimEnd('\n').Split('\n');
        Assert.Equal(string.Join(',', Schema.Header), lines[0]);
        Assert.Equal(["0", "1", "3"], lines[1..].Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void Files_are_written_atomically_with_a_header_even_when_empty()
    {
        using var folder = new TempFolder();
        var state = RunState.From([Samples.Created()]);

        TrialsCsv.WriteFile(folder.Combine(TrialsCsv.FileName), state, Schema);
        GenerationsCsv.WriteFile(folder.Combine(GenerationsCsv.FileName), state, Schema, [false, false]);
        ParetoCsv.WriteFile(folder.Combine(ParetoCsv.FileName), state, Schema, [false, false], fsync: true);

        Assert.Equal(string.Join(',', Schema.Header) + "\n", File.ReadAllText(folder.Combine(TrialsCsv.FileName)));
        Assert.Equal(string.Join(',', GenerationsCsv.Header(Schema)) + "\n", File.ReadAllText(folder.Combine(GenerationsCsv.FileName)));
        Assert.Equal(3, Directory.GetFiles(folder.Path).Length);
    }

    [Fact]
    public void Schema_and_data_mismatches_are_reported()
    {
        Assert.Throws<ArgumentException>(() => new RunCsvSchema(["a", "a"], [], ["e"]));
        Assert.Throws<ArgumentException>(() => new RunCsvSchema(["trial"], [], ["e"]));
        Assert.Throws<ArgumentException>(() => new RunCsvSchema([], [], []));
        var state = RunState.From([Samples.Created(), Samples.Batch(0, 0, 1, genes: 2), Samples.Completed(0, 0, 1, 2)]);

        var genes = Assert.Throws<InvalidDataException>(() => Write(text => TrialsCsv.Write(text, state, Schema)));
        Assert.Contains("2 genes", genes.Message);
        Assert.Throws<ArgumentException>(() => ParetoCsv.Front(state, Schema, [true]));
    }

    private static string Write(Action<TextWriter> write)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        write(text);
        return text.ToString();
    }
}
