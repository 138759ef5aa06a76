using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Schema;

namespace EvoMerge.Reporting.Tests;

public class RunViewTests
{
    [Fact]
    public void Load_reads_schema_and_trials_in_id_order_and_names_the_run_after_its_folder()
    {
        using var root = new TempFolder();
        string path = root.Combine("night-1");
        using (var run = SyntheticRun.Create(path, SyntheticRun.Schema1("a", "b")))
        {
            run.Batch(0, (0, [0.1, 0.2]), (1, [0.3, 0.4]), (2, [0.5, 0.6]));
            run.Complete(2, 0, [0.7]);
            run.Fail(1, 0, "timeout");
            run.Complete(0, 0, [0.6]);
            run.Batch(1, (3, [0.0, 0.0]));
            run.Finish();
        }

        var view = RunView.Load(path + "/");

        Assert.Equal("night-1", view.Name);
        Assert.Equal(path, view.Folder);
        Assert.Equal(["a", "b"], view.Schema.Genes);
        Assert.Equal([0L, 1L, 2L], view.Evaluations.Select(t => t.TrialId));
        Assert.Equal([0L, 2L], view.Completed.Select(t => t.TrialId));
        Assert.Equal([1L], view.Failed.Select(t => t.TrialId));
        Assert.Equal(1, view.PendingCount);
        Assert.True(view.IsFinished);
        Assert.Null(view.TornLastLine);
    }

    [Fact]
    public void Load_reads_a_run_in_progress_without_taking_its_lock()
    {
        using var root = new TempFolder();
        string path = root.Combine("live");
        using var run = SyntheticRun.Create(path, SyntheticRun.Schema1("a"));
        run.Batch(0, (0, [1.0]), (1, [2.0]));
        run.Complete(0, 0, [0.5]);
        run.Folder.Journal.Commit();

        var view = RunView.Load(path);

        Assert.False(view.IsFinished);
        Assert.Equal([0L], view.Completed.Select(t => t.TrialId));
        Assert.Equal(1, view.PendingCount);
        run.Complete(1, 0, [0.6]); // the writer goes on undisturbed
        run.Folder.Journal.Commit();
        Assert.Equal(2, RunView.Load(path).Completed.Count);
    }

    [Fact]
    public void Load_tolerates_a_torn_last_line_and_leaves_the_file_as_it_is()
    {
        using var root = new TempFolder();
        string path = root.Combine("torn");
        using (var run = SyntheticRun.Create(path, SyntheticRun.Schema1("a")))
        {
            run.Batch(0, (0, [1.0]), (1, [2.0]));
            run.Complete(0, 0, [0.5]);
        }

        string journal = Path.Combine(path, RunJournal.FileName);
        File.AppendAllText(journal, "{\"seq\":3,\"type\":\"trial_completed\",\"data\":{\"tri");
        long length = new FileInfo(journal).Length;

        var view = RunView.Load(path);

        Assert.Equal(4, view.TornLastLine!.LineNumber);
        Assert.Equal([0L], view.Completed.Select(t => t.TrialId));
        Assert.Equal(length, new FileInfo(journal).Length);
    }

    [Fact]
    public void Load_names_the_folder_when_it_is_missing_or_not_a_run()
    {
        using var root = new TempFolder();

        var missing = Assert.Throws<DirectoryNotFoundException>(() => RunView.Load(root.Combine("nope")));
        Assert.Contains(root.Combine("nope"), missing.Message);
        var notRun = Assert.Throws<FileNotFoundException>(() => RunView.Load(root.Path));
        Assert.Contains(root.Path, notRun.Message);
        Assert.Contains("not a run folder", notRun.Message);
    }

    [Fact]
    public void Load_names_the_folder_when_the_journal_has_no_schema()
    {
        using var root = new TempFolder();
        string path = root.Combine("old");
        using (RunFolder.Create(path, "x: 1\n", SyntheticRun.Created(schema: null)))
        {
        }

        var error = Assert.Throws<InvalidDataException>(() => RunView.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("schema", error.Message);
    }

    [Fact]
    public void The_pareto_front_matches_pareto_csv_and_respects_senses()
    {
        using var root = new TempFolder();
        string path = root.Combine("two");
        var schema = new RunSchema(["g"], [], [new ObjectiveInfo("acc", true), new ObjectiveInfo("loss", false)]);
        using (var run = SyntheticRun.Create(path, schema))
        {
            run.Batch(0, (0, [0.0]), (1, [1.0]), (2, [2.0]), (3, [3.0]));
            run.Complete(0, 0, [0.9, 0.5]);
            run.Complete(1, 0, [0.8, 0.4]);
            run.Complete(2, 0, [0.8, 0.6]); // dominated by 0 and by 1
            run.Complete(3, 0, [double.NaN, 0.1]); // not comparable: left out, as in pareto.csv
        }

        var view = RunView.Load(path);

        Assert.Equal([0L, 1L], view.ParetoFront.Select(t => t.TrialId));
    }
}
