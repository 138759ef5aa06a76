using System.Buffers.Binary;
using EvoMerge.SafeTensors.Errors;

namespace EvoMerge.SafeTensors.Reading;

/// <summary>Reads and validates the header of a .safetensors file through a stream, without touching the data.</summary>
internal static class HeaderReader
{
    /// <summary>Largest header accepted, as in the reference implementation.</summary>
    public const long MaxHeaderLength = 100_000_000;

    private const int LengthPrefixBytes = 8;

    public static SafeTensorsHeader Read(FileStream stream, string path)
    {
        var fileLength = stream.Length;
        if (fileLength < LengthPrefixBytes)
        {
            throw new SafeTensorsFormatException(path, FormatRules.FileTooSmall,
                $"the file has {fileLength} bytes, fewer than the 8-byte header length.",
                "It is empty or truncated: fetch it again.");
        }

        Span<byte> prefix = stackalloc byte[LengthPrefixBytes];
        stream.Position = 0;
        stream.ReadExactly(prefix);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        var dataStart = LengthPrefixBytes + (long)Math.Min(headerLength, MaxHeaderLength);
        if (headerLength > MaxHeaderLength || dataStart > fileLength)
        {
            // Not a plausible header: most often another format saved under a .safetensors name.
            ThrowIfForeignFormat(stream, path);
        }

        if (headerLength > MaxHeaderLength)
        {
            throw new SafeTensorsFormatException(path, FormatRules.HeaderTooLarge,
                $"the header length is {headerLength} bytes, more than the limit of {MaxHeaderLength}.",
                "The file is corrupt or not a safetensors file.");
        }

        if (dataStart > fileLength)
        {
            throw new SafeTensorsFormatException(path, FormatRules.HeaderPastEnd,
                $"the header length {headerLength} needs {dataStart} bytes but the file has {fileLength}.",
                "The file looks truncated: fetch it again.");
        }

        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        var (entries, metadata) = HeaderParser.Parse(path, headerBytes);
        var tensors = TensorLayoutValidator.Validate(path, entries, fileLength - dataStart);
        return new SafeTensorsHeader(path, tensors, metadata, dataStart);
    }

    private static void ThrowIfForeignFormat(FileStream stream, string path)
    {
        var head = new byte[(int)Math.Min(stream.Length, 64)];
        stream.Position = 0;
        stream.ReadExactly(head);
        if (ForeignFormats.IsGitLfsPointer(head))
        {
            throw new SafeTensorsFormatException(path, FormatRules.GitLfsPointer,
                "the file is a git-lfs pointer (a small text file naming the real content), not the weights.",
                "Fetch the real file with `git lfs pull` in the repository (or download it directly).");
        }

        if (ForeignFormats.IsPickleOrTorchZip(head))
        {
            throw new PickleCheckpointException(path, "the file is a PyTorch pickle/zip archive, whatever its name");
        }

        stream.Position = LengthPrefixBytes;
    }
}
