namespace EvoMerge.SafeTensors.Reading;

/// <summary>Recognizes files that are not safetensors but often stand in for them.</summary>
internal static class ForeignFormats
{
    private static readonly string[] PickleExtensions = [".bin", ".pt", ".pth", ".ckpt", ".pkl", ".pickle"];

    public static bool IsGitLfsPointer(ReadOnlySpan<byte> head) =>
        head.StartsWith("version https://git-lfs"u8);

    /// <summary>torch.save's zip container ("PK\x03\x04") or a bare pickle stream (PROTO opcode 0x80, protocol 2 to 5).</summary>
    public static bool IsPickleOrTorchZip(ReadOnlySpan<byte> head) =>
        head.StartsWith("PK\u0003\u0004"u8) || (head.Length >= 2 && head[0] == 0x80 && head[1] is >= 2 and <= 5);

    public static bool HasPickleExtension(string path) =>
        PickleExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
}
