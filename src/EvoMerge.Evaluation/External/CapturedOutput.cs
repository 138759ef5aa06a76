using System.Text;

namespace EvoMerge.Evaluation.External;

/// <summary>
/// The tail of one output stream of a command, bounded in size, plus the last line that looks like a JSON object
/// (where commands that do not write a metrics file print their metrics). Lines arrive from another thread.
/// </summary>
internal sealed class CapturedOutput
{
    /// <summary>Longest JSON line remembered; per-example arrays of many thousands of entries fit.</summary>
    private const int MaxJsonLineChars = 64 * 1024 * 1024;

    private readonly object _gate = new();
    private readonly int _maxChars;
    private readonly LinkedList<string> _lines = new();
    private long _chars;
    private string? _lastJsonLine;

    public CapturedOutput(int maxChars) => _maxChars = maxChars;

    public void Append(string line)
    {
        lock (_gate)
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith('{') && trimmed.EndsWith('}') && trimmed.Length <= MaxJsonLineChars)
            {
                _lastJsonLine = trimmed;
            }

            var kept = line.Length > _maxChars ? line[^_maxChars..] : line;
            _lines.AddLast(kept);
            _chars += kept.Length + 1;
            while (_chars > _maxChars && _lines.First is { } first)
            {
                _chars -= first.Value.Length + 1;
                _lines.RemoveFirst();
            }
        }
    }

    public string? LastJsonLine
    {
        get
        {
            lock (_gate)
            {
                return _lastJsonLine;
            }
        }
    }

    /// <summary>The last <paramref name="chars"/> characters kept, lines joined with '\n'.</summary>
    public string Tail(int chars)
    {
        lock (_gate)
        {
            var text = new StringBuilder();
            foreach (var line in _lines)
            {
                text.Append(line).Append('\n');
            }

            var all = text.ToString().TrimEnd();
            return all.Length > chars ? "..." + all[^chars..] : all;
        }
    }
}
