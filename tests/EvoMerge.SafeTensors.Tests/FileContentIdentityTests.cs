using EvoMerge.SafeTensors.Identity;

namespace EvoMerge.SafeTensors.Tests;

/// <summary>A file's content identity follows its bytes: never its name or time, always its head and sampled blocks.</summary>
public sealed class FileContentIdentityTests : IDisposable
{
    readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    static byte[] Patterned(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)((i * 13 + 5) % 253))];

    [Fact]
    public void The_same_bytes_under_another_name_and_time_are_the_same_file()
    {
        string first = _dir.WriteBytes("one.bin", Patterned(200_000));
        string second = _dir.WriteBytes("two.bin", Patterned(200_000));
        File.SetLastWriteTimeUtc(second, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(FileContentIdentity.Of(first), FileContentIdentity.Of(second));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(104_500)]
    [InlineData(199_999)]
    public void A_byte_changed_in_the_head_or_a_sampled_block_changes_the_identity(int offset)
    {
        string path = _dir.WriteBytes("model.bin", Patterned(200_000));
        var before = FileContentIdentity.Of(path);
        var bytes = Patterned(200_000);
        bytes[offset] ^= 1;
        File.WriteAllBytes(path, bytes);

        var after = FileContentIdentity.Of(path);

        Assert.Equal(before.Size, after.Size);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void An_empty_file_has_an_identity()
    {
        var identity = FileContentIdentity.Of(_dir.WriteBytes("empty.bin", []));

        Assert.Equal(0, identity.Size);
        Assert.Equal(64, identity.HeaderSha256.Length);
    }
}
