using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EvoMerge.Merging.Config;

/// <summary>
/// Turns a YAML syntax error into "FILE: invalid YAML at line L, column C: ..." (as the search config does). YamlDotNet reports some malformed
/// input (an unclosed '[' or '{') with an InvalidOperationException that has no position; the input is then
/// parsed again event by event to point at the bracket that was never closed.
/// </summary>
internal static class YamlSyntaxErrors
{
    public static string Describe(string yaml, string sourceName, Exception error)
    {
        var (mark, what, unclosed) = Locate(yaml);
        if (error is YamlException located)
        {
            (mark, what) = (located.Start, located.InnerException?.Message ?? located.Message);
            if (unclosed is { } open) what += $" (the '{open.Bracket}' at line {open.Start.Line}, column {open.Start.Column} is never closed)";
        }
        return $"{sourceName}: invalid YAML at line {mark.Line}, column {mark.Column}: {what}";
    }

    /// <summary>Where parsing stops, why, and the innermost '[' or '{' still open there.</summary>
    static (Mark Mark, string What, (Mark Start, char Bracket)? Unclosed) Locate(string yaml)
    {
        var open = new Stack<(Mark Start, bool Flow, char Bracket)>();
        var last = Mark.Empty;
        string? failure = null;
        var parser = new Parser(new StringReader(yaml));
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                last = current.End;
                switch (current)
                {
                    case SequenceStart s: open.Push((s.Start, s.Style == SequenceStyle.Flow, '[')); break;
                    case MappingStart m: open.Push((m.Start, m.Style == MappingStyle.Flow, '{')); break;
                    case SequenceEnd or MappingEnd when open.Count > 0: open.Pop(); break;
                }
            }
        }
        catch (YamlException e)
        {
            (last, failure) = (e.Start, e.InnerException?.Message ?? e.Message);
        }
        catch (InvalidOperationException)
        {
            // No position: the innermost open bracket is the best pointer.
        }
        foreach (var (start, flow, bracket) in open)
            if (flow) return (start, failure ?? Unclosed(bracket), (start, bracket));
        // The scanner can fail before it reports the collection: find the bracket in the text itself.
        if (UnclosedBracket(yaml) is { } text) return (text.Start, failure ?? Unclosed(text.Bracket), text);
        return (last, failure ?? "the document breaks off after this point; look for an unclosed bracket or quote.", null);
    }

    static string Unclosed(char bracket) => $"'{bracket}' opened here is never closed; close it or quote the value.";

    /// <summary>The innermost '[' or '{' left open at the end of the text, skipping quoted strings and comments.</summary>
    static (Mark Start, char Bracket)? UnclosedBracket(string yaml)
    {
        var open = new Stack<(Mark, char)>();
        int line = 1, column = 1;
        char quote = '\0';
        bool comment = false;
        for (int i = 0; i < yaml.Length; i++, column++)
        {
            char c = yaml[i];
            if (c == '\n') { line++; column = 0; comment = false; continue; }
            if (comment) continue;
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '"' or '\'') quote = c;
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(yaml[i - 1]))) comment = true;
            else if (c is '[' or '{') open.Push((new Mark(i, line, column), c));
            else if (c is ']' or '}' && open.Count > 0) open.Pop();
        }
        return open.Count > 0 ? open.Peek() : null;
    }
}
