using System.Diagnostics;
using EvoMerge.Core.IO;

namespace EvoMerge.Core.Tests.IO;

public sealed class StagedFolderTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static void Fill(string folder, string content)
    {
        File.WriteAllText(Path.Combine(folder, "a.txt"), content);
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        File.WriteAllText(Path.Combine(folder, "sub", "b.txt"), content + "-b");
    }

    private static string[] Names(string folder) =>
        Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>().Order().ToArray();

    private string[] Entries() => Directory.GetFileSystemEntries(_tmp.Path).Select(Path.GetFileName).OfType<string>().Order().ToArray();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Commit_moves_the_complete_folder_into_place_and_leaves_nothing_aside(bool fsync)
    {
        string target = _tmp.Combine("out");
        using (var staged = StagedFolder.Begin(target))
        {
            Assert.StartsWith(".out.tmp-", Path.GetFileName(staged.Path));
            Fill(staged.Path, "new");
            Assert.False(Directory.Exists(target));
            staged.Commit(fsync);
        }

        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "a.txt")));
        Assert.Equal("new-b", File.ReadAllText(Path.Combine(target, "sub", "b.txt")));
        Assert.Equal(["out"], Entries());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Commit_replaces_an_existing_folder_entirely(bool fsync)
    {
        string target = _tmp.Combine("out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "old.txt"), "old");
        using (var staged = StagedFolder.Begin(target))
        {
            Fill(staged.Path, "new");
            staged.Commit(fsync);
        }

        Assert.Equal(["a.txt", "sub"], Names(target));
        Assert.Equal(["out"], Entries());
    }

    [Fact]
    public void A_failure_while_writing_leaves_the_old_folder_and_no_aside_folder()
    {
        string target = _tmp.Combine("out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "old.txt"), "old");

        void WriteAndFail()
        {
            using var staged = StagedFolder.Begin(target);
            Fill(staged.Path, "half");
            throw new InvalidOperationException("disk full");
        }

        var error = Assert.Throws<InvalidOperationException>(WriteAndFail);

        Assert.Equal("disk full", error.Message);
        Assert.Equal("old", File.ReadAllText(Path.Combine(target, "old.txt")));
        Assert.Equal(["old.txt"], Names(target));
        Assert.Equal(["out"], Entries());
    }

    [Fact]
    public void A_failed_commit_leaves_the_target_untouched_and_no_aside_folder()
    {
        // A file where the folder should go cannot be replaced by it.
        string target = _tmp.Combine("out");
        File.WriteAllText(target, "a file");
        using (var staged = StagedFolder.Begin(target))
        {
            Fill(staged.Path, "new");
            Assert.ThrowsAny<IOException>(() => staged.Commit(fsync: true));
        }

        Assert.Equal("a file", File.ReadAllText(target));
        Assert.Equal(["out"], Entries());
    }

    [Fact]
    public void Commit_twice_is_refused()
    {
        using var staged = StagedFolder.Begin(_tmp.Combine("out"));
        staged.Commit(fsync: false);
        Assert.Throws<ObjectDisposedException>(() => staged.Commit(fsync: false));
    }

    [Fact]
    public void RemoveStale_removes_folders_of_dead_owners_only_and_only_for_that_target()
    {
        using var finished = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        finished.WaitForExit();
        string dead = _tmp.Combine($".out.tmp-{finished.Id}-{Guid.NewGuid():N}");
        string deadOld = dead + ".old";
        string live = _tmp.Combine($".out.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        string init = _tmp.Combine($".out.tmp-1-{Guid.NewGuid():N}");
        string other = _tmp.Combine($".other.tmp-{finished.Id}-{Guid.NewGuid():N}");
        foreach (var folder in new[] { dead, deadOld, live, init, other })
        {
            Directory.CreateDirectory(folder);
        }

        var removed = StagedFolder.RemoveStale(_tmp.Combine("out"));

        // This process's own leftovers count as stale: it calls RemoveStale before it begins a new one.
        Assert.Equal(new[] { dead, deadOld, live }.Order(), removed.Order());
        Assert.True(Directory.Exists(init));
        Assert.True(Directory.Exists(other));
    }
}
