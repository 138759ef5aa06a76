using System.Text;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Runs.Tests;

public class JournalReplayTests
{
    public enum Tear
    {
        CutAfterFirstByte,
        CutInTheMiddle,
        NewlineMissing,
        BadChecksum,
        ZeroBytesAppended,
        EmptyLineAppended,
    }

    [Theory]
    [InlineData(Tear.CutAfterFirstByte, 6)]
    [InlineData(Tear.CutInTheMiddle, 6)]
    [InlineData(Tear.NewlineMissing, 6)]
    [InlineData(Tear.BadChecksum, 6)]
    [InlineData(Tear.ZeroBytesAppended, 7)]
    [InlineData(Tear.EmptyLineAppended, 7)]
    public void A_torn_last_line_is_dropped_cut_off_and_appending_goes_on(Tear tear, int tornLineNumber)
    {
        using var folder = new TempFolder();
        Samples.WriteSmallJournal(folder.Path);
        string path = Path.Combine(folder.Path, RunJournal.FileName);
        byte[] intact = File.ReadAllBytes(path);
        long lastLineStart = Array.LastIndexOf(intact, (byte)'\n', intact.Length - 2) + 1;
        File.WriteAllBytes(path, Damage(intact, (int)lastLineStart, tear));
        int expectedEvents = tornLineNumber - 1;
        long expectedValidLength = tornLineNumber == 7 ? intact.Length : lastLineStart;

        var (journal, replay) = RunJournal.Open(folder.Path);
        using (journal)
        {
            Assert.Equal(expectedEvents, replay.Records.Count);
            Assert.True(replay.Report.TornLastLineDropped);
            Assert.True(replay.Report.FileTruncated);
            Assert.Equal(tornLineNumber, replay.Report.TornLastLine!.LineNumber);
            Assert.Equal(expectedValidLength, replay.Report.TornLastLine.ByteOffset);
            Assert.Equal(expectedValidLength, replay.Report.ValidLength);
            if (tear == Tear.BadChecksum)
            {
                Assert.Contains("checksum mismatch", replay.Report.TornLastLine.Problem);
            }

            Assert.Equal(expectedValidLength, new FileInfo(path).Length);

            Assert.Equal(expectedEvents, journal.Append(new RunFinished(["test"])));
        }

        var reread = RunJournal.ReadOnly(folder.Path);
        Assert.False(reread.Report.TornLastLineDropped);
        Assert.Equal(Enumerable.Range(0, expectedEvents + 1).Select(i => (long)i), reread.Records.Select(r => r.Sequence));
        Assert.IsType<RunFinished>(reread.Records[^1].Event);
    }

    [Fact]
    public void A_read_only_replay_reports_a_torn_line_but_leaves_the_file_alone()
    {
        using var folder = new TempFolder();
        Samples.WriteSmallJournal(folder.Path);
        string path = Path.Combine(folder.Path, RunJournal.FileName);
        File.AppendAllText(path, "{\"seq\":6,\"ty");
        long length = new FileInfo(path).Length;

        var replay = RunJournal.ReadOnly(folder.Path);

        Assert.True(replay.Report.TornLastLineDropped);
        Assert.False(replay.Report.FileTruncated);
        Assert.Contains("no newline", replay.Report.TornLastLine!.Problem);
        Assert.Equal(length, new FileInfo(path).Length);
    }

    [Fact]
    public void A_damaged_line_in_the_middle_is_an_error_naming_file_line_offset_and_remedy()
    {
        using var folder = new TempFolder();
        Samples.WriteSmallJournal(folder.Path);
        string path = Path.Combine(folder.Path, RunJournal.FileName);
        string[] lines = File.ReadAllText(path).Split('\n');
        long offset = lines.Take(2).Sum(l => Encoding.UTF8.GetByteCount(l) + 1);
        lines[2] = lines[2].Replace("\"generation\":0", "\"generation\":5", StringComparison.Ordinal);
        File.WriteAllText(path, string.Join('\n', lines));
        long lengthBefore = new FileInfo(path).Length;

        var error = Assert.Throws<JournalCorruptException>(() => RunJournal.Open(folder.Path));

        Assert.Equal(3, error.LineNumber);
        Assert.Equal(offset, error.ByteOffset);
        Assert.Equal(path, error.FilePath);
        Assert.Contains("checksum mismatch", error.Message);
        Assert.Contains($"line 3 (byte {offset})", error.Message);
        Assert.Contains($"truncate -s {offset} '{path}'", error.Message);
        Assert.Equal(lengthBefore, new FileInfo(path).Length);
    }

    [Fact]
    public void A_cut_line_followed_by_more_lines_is_damage_not_a_torn_tail()
    {
        using var folder = new TempFolder();
        Samples.WriteSmallJournal(folder.Path);
        string path = Path.Combine(folder.Path, RunJournal.FileName);
        var lines = File.ReadAllText(path).TrimEnd('\n').Split('\n').ToList();
        lines[4] = lines[4][..20];
        File.WriteAllText(path, string.Join('\n', lines) + "\n");

        var error = Assert.Throws<JournalCorruptException>(() => RunJournal.Open(folder.Path));

        Assert.Equal(5, error.LineNumber);
        Assert.Contains("more lines follow it", error.Message);
    }

    [Fact]
    public void A_gap_in_sequence_numbers_is_an_error_even_on_the_last_line()
    {
        using var folder = new TempFolder();
        WriteLines(folder.Path, (0, Samples.Created()), (1, Samples.Batch(0, 0, 1)), (3, Samples.Completed(0, 0, 1)));

        var error = Assert.Throws<JournalCorruptException>(() => RunJournal.Open(folder.Path));

        Assert.Equal(3, error.LineNumber);
        Assert.Contains("sequence number 3 where 2 was expected", error.Message);
        Assert.Contains("intact", error.Message);
    }

    [Fact]
    public void A_repeated_sequence_number_is_an_error()
    {
        using var folder = new TempFolder();
        WriteLines(folder.Path, (0, Samples.Created()), (1, Samples.Batch(0, 0, 1)), (1, Samples.Completed(0, 0, 1)), (2, new RunFinished(["x"])));

        var error = Assert.Throws<JournalCorruptException>(() => RunJournal.ReadOnly(folder.Path));

        Assert.Equal(3, error.LineNumber);
    }

    [Fact]
    public void The_first_event_must_be_run_created_and_only_the_first()
    {
        using var first = new TempFolder();
        WriteLines(first.Path, (0, Samples.Batch(0, 0, 1)));
        Assert.Equal(1, Assert.Throws<JournalCorruptException>(() => RunJournal.ReadOnly(first.Path)).LineNumber);

        using var second = new TempFolder();
        WriteLines(second.Path, (0, Samples.Created()), (1, Samples.Created()));
        Assert.Equal(2, Assert.Throws<JournalCorruptException>(() => RunJournal.ReadOnly(second.Path)).LineNumber);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"seq\":0,\"type\":\"run_cre")]
    public void A_journal_without_a_complete_creation_event_says_the_run_was_never_created(string content)
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, RunJournal.FileName), content);

        var error = Assert.Throws<InvalidDataException>(() => RunJournal.Open(folder.Path));

        Assert.Contains("never fully created", error.Message);
    }

    [Fact]
    public void Opening_a_folder_without_a_journal_says_so()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<FileNotFoundException>(() => RunJournal.Open(folder.Path));

        Assert.Contains(RunJournal.FileName, error.Message);
    }

    [Fact]
    public void Long_journals_spanning_many_read_chunks_replay_completely()
    {
        using var folder = new TempFolder();
        using (var journal = RunJournal.Create(folder.Path, Samples.Created()))
        {
            for (int g = 0; g < 300; g++)
            {
                journal.Append(Samples.Batch(g, g * 4L, 4, genes: 40));
            }
        }

        Assert.True(new FileInfo(Path.Combine(folder.Path, RunJournal.FileName)).Length > 3 * 64 * 1024);
        var replay = RunJournal.ReadOnly(folder.Path);
        Assert.Equal(301, replay.Records.Count);
        Bits.Equal(Samples.Batch(299, 299 * 4L, 4, genes: 40).Candidates[3].Genes, ((BatchAsked)replay.Records[^1].Event).Candidates[3].Genes);
    }

    private static byte[] Damage(byte[] intact, int lastLineStart, Tear tear)
    {
        int lastLineLength = intact.Length - lastLineStart;
        switch (tear)
        {
            case Tear.CutAfterFirstByte:
                return intact[..(lastLineStart + 1)];
            case Tear.CutInTheMiddle:
                return intact[..(lastLineStart + lastLineLength / 2)];
            case Tear.NewlineMissing:
                return intact[..^1];
            case Tear.BadChecksum:
                var flipped = (byte[])intact.Clone();
                int digit = Array.IndexOf(flipped, (byte)'"', lastLineStart + 2) + 1;
                flipped[digit] = flipped[digit] == (byte)'t' ? (byte)'x' : (byte)'t';
                return flipped;
            case Tear.ZeroBytesAppended:
                return [.. intact, .. new byte[4096]];
            default:
                return [.. intact, (byte)'\n'];
        }
    }

    private static void WriteLines(string folder, params (long Sequence, JournalEvent Event)[] lines) =>
        File.WriteAllBytes(Path.Combine(folder, RunJournal.FileName), lines.SelectMany(l => JournalLine.Encode(l.Sequence, l.Event)).ToArray());
}
