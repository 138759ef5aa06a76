using EvoMerge.Core.IO;

namespace EvoMerge.Core.Tests.IO;

public class AtomicFileTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Writes_and_replaces_whole_files(bool fsync)
    {
        using var folder = new TempFolder();
        string path = folder.Combine("config.yml");

        AtomicFile.WriteAllText(path, "first: ä\n", fsync);
        Assert.Equal("first: ä\n", File.ReadAllText(path));
        Assert.Equal(0xC3, File.ReadAllBytes(path)[7]);

        AtomicFile.WriteAllBytes(path, [1, 2, 3], fsync);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal(["config.yml"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_writer_that_fails_halfway_leaves_the_old_content_and_no_temporary_file()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("trials.csv");
        File.WriteAllText(path, "old content");

        var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("new content, first half"u8);
            stream.Flush();
            throw new InvalidOperationException("simulated failure before the rename");
        }, fsync: true));

        Assert.Equal("simulated failure before the rename", error.Message);
        Assert.Equal("old content", File.ReadAllText(path));
        Assert.Equal(["trials.csv"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_first_write_leaves_no_file_at_all()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("new.json");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, _ => throw new IOException("disk full"), fsync: false));

        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void The_temporary_file_sits_beside_the_target_so_the_rename_stays_on_one_file_system()
    {
        using var folder = new TempFolder();
        string target = folder.Combine("a.json");
        string? seen = null;

        AtomicFile.Write(target, _ => seen = Directory.GetFiles(folder.Path).Single(), fsync: false);

        Assert.Equal(folder.Path, Path.GetDirectoryName(seen));
        Assert.StartsWith(".a.json.", Path.GetFileName(seen));
        Assert.EndsWith(".tmp", seen);
    }

    [Fact]
    public void A_missing_folder_is_reported()
    {
        using var folder = new TempFolder();

        Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteAllText(folder.Combine("missing", "a.txt"), "x", fsync: false));
    }

    [Fact]
    public void Directory_flush_works_on_a_real_folder_and_reports_a_missing_one()
    {
        using var folder = new TempFolder();

        DirectorySync.Flush(folder.Path);
        Assert.Throws<IOException>(() => DirectorySync.Flush(folder.Combine("missing")));
    }
}
