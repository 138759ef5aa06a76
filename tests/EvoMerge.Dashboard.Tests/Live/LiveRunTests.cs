using EvoMerge.Dashboard.Live;

namespace EvoMerge.Dashboard.Tests.Live;

public class LiveRunTests
{
    [Fact]
    public void Points_arrive_as_the_run_grows_with_failures_and_their_reasons()
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("run"));
        var live = new LiveRun(run.Path, "run");
        Assert.Equal(0, live.Refresh());
        Assert.NotNull(live.Schema);

        run.Generation(6, failEvery: 3);
        Assert.Equal(6, live.Refresh());
        var (points, cursor) = live.PointsFrom(0);
        Assert.Equal(6, cursor);
        Assert.Equal(2, points.Count(p => p.Failed));
        Assert.All(points.Where(p => p.Failed), p => Assert.StartsWith("out of memory", p.Reason));
        Assert.All(points.Where(p => !p.Failed), p => Assert.Equal(2, p.Objectives!.Count));

        run.Generation(4);
        Assert.Equal(4, live.Refresh());
        var (after, next) = live.PointsFrom(cursor);
        Assert.Equal(4, after.Count);
        Assert.Equal(10, next);
        Assert.Equal([6L, 7, 8, 9], after.Select(p => p.Id));
    }

    [Fact]
    public void Points_carry_the_candidate_metadata_their_trial_was_journaled_with()
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("run"));
        run.Generation(2);
        run.Generation(2, failEvery: 4, metadata: id => new Dictionary<string, string> { ["parents"] = $"0 {id - 2}" });
        var live = new LiveRun(run.Path, "run");
        live.Refresh();

        var points = live.Points();

        Assert.Null(points[0].Metadata);
        Assert.Equal("0 0", points[2].Metadata!["parents"]);
        Assert.True(points[3].Failed);
        Assert.Equal("0 1", points[3].Metadata!["parents"]);
    }

    [Fact]
    public async Task A_refresh_that_adds_points_wakes_a_waiting_reader()
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("run"));
        var live = new LiveRun(run.Path, "run");
        live.Refresh();
        var changed = live.Changed(CancellationToken.None);
        Assert.False(changed.IsCompleted);
        run.Generation(2);
        live.Refresh();
        await changed.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Trials_already_shown_stay_once_when_a_resume_rewrote_the_journal()
    {
        using var temp = new TempFolder();
        string folder = temp.Combine("run");
        using (var run = new GrowingRun(folder))
        {
            run.Generation(3);
        }

        var live = new LiveRun(folder, "run");
        live.Refresh();
        string path = live.JournalPath;
        byte[] bytes = File.ReadAllBytes(path);
        int lastLine = Array.LastIndexOf(bytes, (byte)'\n', bytes.Length - 2) + 1;
        File.WriteAllBytes(path, bytes[..lastLine]);
        live.Refresh();
        Assert.Null(live.Problem);
        Assert.Equal(3, live.Count);
    }

    [Fact]
    public void A_folder_without_a_journal_is_refused_with_its_path()
    {
        using var temp = new TempFolder();
        var error = Assert.Throws<FileNotFoundException>(() => new LiveRun(temp.Path, "x"));
        Assert.Contains(temp.Path, error.Message);
    }
}
