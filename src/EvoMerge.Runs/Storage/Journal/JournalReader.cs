using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Runs.Storage.Journal;

/// <summary>
/// Replays a journal. Rules: every line carries a valid checksum and a sequence number one above
/// the previous line's (starting at 0); the first event is <see cref="RunCreated"/> and no later one
/// is. Only the last line may be damaged (incomplete, no newline, or checksum mismatch): a crash can
/// leave that, so it is reported as torn and ignored. Any other damage, and any intact line that
/// breaks a rule, throws <see cref="JournalCorruptException"/>.
/// </summary>
internal static class JournalReader
{
    public static JournalReplay Replay(Stream stream, string path, JournalEventCodec codec)
    {
        var records = new List<JournalRecord>();
        (RawLine Line, string Problem)? damaged = null;
        long validLength = 0;
        long fileLength = 0;
        foreach (var line in LineSplitter.Split(stream))
        {
            fileLength = line.EndOffset;
            if (damaged is { } earlier)
            {
                throw new JournalCorruptException(path, earlier.Line.Number, earlier.Line.Offset, $"{earlier.Problem}, and more lines follow it", intact: false);
            }

            if (!line.Terminated)
            {
                damaged = (line, "the line is incomplete (no newline at its end)");
                continue;
            }

            DecodedLine decoded;
            try
            {
                decoded = JournalLine.Decode(line.Bytes, codec);
                CheckOrder(decoded, records.Count);
            }
            catch (DamagedLineException ex)
            {
                damaged = (line, ex.Message);
                continue;
            }
            catch (JournalFormatException ex)
            {
                throw new JournalCorruptException(path, line.Number, line.Offset, ex.Message, intact: true);
            }

            records.Add(new JournalRecord(decoded.Sequence, line.Number, decoded.Event));
            validLength = line.EndOffset;
        }

        var torn = damaged is { } last ? new TornLine(last.Line.Number, last.Line.Offset, last.Line.Bytes.Length + (last.Line.Terminated ? 1 : 0), last.Problem) : null;
        return new JournalReplay(records.AsReadOnly(), new ReplayReport(path, records.Count, fileLength, validLength, torn));
    }

    private static void CheckOrder(DecodedLine decoded, long expectedSequence)
    {
        if (decoded.Sequence != expectedSequence)
        {
            throw new JournalFormatException(
                $"sequence number {decoded.Sequence} where {expectedSequence} was expected (lines were lost, duplicated or reordered)");
        }

        bool isCreation = decoded.Event is RunCreated;
        if (expectedSequence == 0 && !isCreation)
        {
            throw new JournalFormatException($"the first event must be \"{RunCreated.TypeName}\", found \"{decoded.Event.Type}\"");
        }

        if (expectedSequence > 0 && isCreation)
        {
            throw new JournalFormatException($"\"{RunCreated.TypeName}\" may only be the first event");
        }
    }
}
