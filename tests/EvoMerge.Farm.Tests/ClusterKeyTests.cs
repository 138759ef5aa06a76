using EvoMerge.Farm.Security;

namespace EvoMerge.Farm.Tests;

public sealed class ClusterKeyTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("evomerge-key-").FullName;

    [Fact]
    public void A_written_key_reads_back_owner_only_and_signs_like_the_original()
    {
        var key = ClusterKey.Create();
        string path = Path.Combine(folder, "cluster.key");
        key.Write(path);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal([path], Directory.GetFiles(folder));
        var again = ClusterKey.Read(path);
        Assert.True(again.Verify("n1", "hello", key.Sign("n1", "hello")));
        Assert.False(again.Verify("n2", "hello", key.Sign("n1", "hello")));
        Assert.False(again.Verify("n1", "hellO", key.Sign("n1", "hello")));
        Assert.False(ClusterKey.Create().Verify("n1", "hello", key.Sign("n1", "hello")));
    }

    [Fact]
    public void A_missing_or_foreign_key_file_is_refused_naming_it()
    {
        string missing = Path.Combine(folder, "none.key");
        Assert.StartsWith($"{missing}: the cluster key file does not exist", Assert.Throws<FarmSetupException>(() => ClusterKey.Read(missing)).Message);
        string foreign = Path.Combine(folder, "id_rsa");
        File.WriteAllText(foreign, "-----BEGIN OPENSSH PRIVATE KEY-----\n");
        Assert.StartsWith($"{foreign}: not an EvoMerge cluster key file", Assert.Throws<FarmSetupException>(() => ClusterKey.Read(foreign)).Message);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
