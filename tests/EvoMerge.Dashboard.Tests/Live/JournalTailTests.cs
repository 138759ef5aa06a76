using System.Text;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Dashboard.Tests.Live;

public class JournalTailTests
{
    [Fact]
    public void Returns_only_events_appended_since_the_last_call()
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("run"));
        var tail = new JournalTail(Path.Combine(run.Path, RunJournal.FileName));

        var first = tail.ReadAppended();
        Assert.Single(first);
        Assert.IsType<RunCreated>(first[0].Event);

        run.Generation(4);
        var second = tail.ReadAppended();
        Assert.Equal(5, second.Count); // one batch, four outcomes
        Assert.Equal([1L, 2, 3, 4, 5], second.Select(r => r.Sequence));
        Assert.Equal(new FileInfo(tail.Path).Length, tail.Offset);

        Assert.Empty(tail.ReadAppended());
    }

    [Fact]
    public void Leaves_a_line_still_being_written_for_the_next_call()
    {
        using var temp = new TempFolder();
        string folder = temp.Combine("run");
        using (var run = new GrowingRun(folder))
        {
            run.Generation(2);
        }

        string path = Path.Combine(folder, RunJournal.FileName);
        byte[] whole = File.ReadAllBytes(path);
        int lastLineStart = Array.LastIndexOf(whole, (byte)'\n', whole.Length - 2) + 1;
        int half = lastLineStart + (whole.Length - lastLineStart) / 2;
        File.WriteAllBytes(path, whole[..half]);

        var tail = new JournalTail(path);
        Assert.Equal(3, tail.ReadAppended().Count);
        Assert.Equal(lastLineStart, tail.Offset);

        using (var stream = new FileStream(path, FileMode.Append))
        {
            stream.Write(whole.AsSpan(half));
        }

        var rest = tail.ReadAppended();
        Assert.IsType<TrialCompleted>(Assert.Single(rest).Event);
        Assert.Equal(whole.Length, tail.Offset);
    }

    [Fact]
    public void A_journal_that_shrank_asks_for_a_fresh_read()
    {
        using var temp = new TempFolder();
        string folder = temp.Combine("run");
        using (var run = new GrowingRun(folder))
        {
            run.Generation(2);
        }

        string path = Path.Combine(folder, RunJournal.FileName);
        var tail = new JournalTail(path);
        tail.ReadAppended();
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..100]);
        Assert.Throws<JournalRewrittenException>(() => tail.ReadAppended());
    }

    [Fact]
    public void A_damaged_line_followed_by_more_lines_is_corruption_naming_the_file()
    {
        using var temp = new TempFolder();
        string folder = temp.Combine("run");
        using (var run = new GrowingRun(folder))
        {
            run.Generation(2);
        }

        string path = Path.Combine(folder, RunJournal.FileName);
        var lines = File.ReadAllLines(path);
        lines[1] = lines[1].Replace("\"generation\":0", "\"generation\":9", StringComparison.Ordinal);
        File.WriteAllText(path, string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        var error = Assert.Throws<JournalCorruptException>(() => new JournalTail(path).ReadAppended());
        Assert.Contains(path, error.Message);
        Assert.Equal(2, error.LineNumber);
    }
}
