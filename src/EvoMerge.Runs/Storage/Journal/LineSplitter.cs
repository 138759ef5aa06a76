using System.Buffers;

namespace EvoMerge.Runs.Storage.Journal;

/// <summary>Splits a stream into '\n'-terminated lines, reading it once in chunks.</summary>
internal static class LineSplitter
{
    private const int ChunkSize = 64 * 1024;

    public static IEnumerable<RawLine> Split(Stream stream)
    {
        var chunk = new byte[ChunkSize];
        var current = new ArrayBufferWriter<byte>();
        long lineStart = 0;
        int lineNumber = 1;
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            int start = 0;
            while (start < read)
            {
                int newline = Array.IndexOf(chunk, (byte)'\n', start, read - start);
                if (newline < 0)
                {
                    current.Write(chunk.AsSpan(start, read - start));
                    break;
                }

                current.Write(chunk.AsSpan(start, newline - start));
                var line = new RawLine(lineNumber++, lineStart, current.WrittenSpan.ToArray(), Terminated: true);
                lineStart = line.EndOffset;
                current.ResetWrittenCount();
                start = newline + 1;
                yield return line;
            }
        }

        if (current.WrittenCount > 0)
        {
            yield return new RawLine(lineNumber, lineStart, current.WrittenSpan.ToArray(), Terminated: false);
        }
    }
}
