using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Runs.Storage.Journal;

/// <summary>
/// Follows a journal that another process may still be writing: each <see cref="ReadAppended"/>
/// reads only the bytes added since the last call and returns the complete lines among them, checked
/// as in a replay (checksum, sequence, first event). A line without its newline yet, or one whose
/// checksum fails while it is the last, is left for the next call: the writer may be in the middle
/// of it. A journal that shrank (a resumed run cuts a torn last line off) throws
/// <see cref="JournalRewrittenException"/>, so the reader starts over.
/// </summary>
public sealed class JournalTail
{
    private readonly JournalEventCodec _codec;

    public JournalTail(string journalPath, JournalEventCodec? codec = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(journalPath);
        Path = System.IO.Path.GetFullPath(journalPath);
        _codec = codec ?? JournalEventCodec.Default;
    }

    public string Path { get; }

    /// <summary>Bytes consumed so far: every complete, valid line before this offset has been returned.</summary>
    public long Offset { get; private set; }

    /// <summary>The sequence number the next returned event must carry.</summary>
    public long NextSequence { get; private set; }

    private int NextLineNumber => (int)NextSequence + 1;

    /// <summary>The events appended since the last call (none when the file did not grow).</summary>
    public IReadOnlyList<JournalRecord> ReadAppended()
    {
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        long length = stream.Length;
        if (length < Offset)
        {
            throw new JournalRewrittenException(Path, Offset, length);
        }

        if (length == Offset)
        {
            return [];
        }

        long start = Offset;
        stream.Seek(start, SeekOrigin.Begin);
        var records = new List<JournalRecord>();
        RawLine? damaged = null;
        string? problem = null;
        foreach (var line in LineSplitter.Split(stream))
        {
            if (!line.Terminated)
            {
                break;
            }

            if (damaged is { } earlier)
            {
                throw new JournalCorruptException(Path, NextLineNumber, start + earlier.Offset, $"{problem}, and more lines follow it", intact: false);
            }

            DecodedLine decoded;
            try
            {
                decoded = JournalLine.Decode(line.Bytes, _codec);
            }
            catch (DamagedLineException ex)
            {
                damaged = line;
                problem = ex.Message;
                continue;
            }
            catch (JournalFormatException ex)
            {
                throw new JournalCorruptException(Path, NextLineNumber, start + line.Offset, ex.Message, intact: true);
            }

            CheckOrder(decoded, start + line.Offset);
            records.Add(new JournalRecord(decoded.Sequence, NextLineNumber, decoded.Event));
            NextSequence++;
            Offset = start + line.EndOffset;
        }

        return records.AsReadOnly();
    }

    private void CheckOrder(DecodedLine decoded, long lineOffset)
    {
        string? problem = decoded.Sequence != NextSequence
            ? $"sequence number {decoded.Sequence} where {NextSequence} was expected"
            : NextSequence == 0 && decoded.Event is not RunCreated
                ? $"the first event must be \"{RunCreated.TypeName}\", found \"{decoded.Event.Type}\""
                : NextSequence > 0 && decoded.Event is RunCreated
                    ? $"\"{RunCreated.TypeName}\" may only be the first event"
                    : null;
        if (problem is not null)
        {
            throw new JournalCorruptException(Path, NextLineNumber, lineOffset, problem, intact: true);
        }
    }
}

/// <summary>The journal is shorter than what was already read from it: a resumed run rewrote its torn end.</summary>
public sealed class JournalRewrittenException(string path, long readUpTo, long length)
    : IOException($"'{path}' shrank from at least {readUpTo} to {length} bytes (a resumed run cut off a torn line); read it again from the start.");
