using System.Text.RegularExpressions;
using EvoMerge.Evaluation.Contracts;

namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>
/// Whether a generated output is written in the expected language, by one of two simple rules. Words: the output's
/// whitespace-separated words, stripped of punctuation at both ends, must be in <see cref="AllowedWords"/>
/// (case-insensitive); words without letters (numbers, symbols) are not checked. Unicode blocks: every letter must lie
/// in one of <see cref="UnicodeBlocks"/>, named as .NET regular expressions name them ("Hiragana", "Katakana",
/// "CJKUnifiedIdeographs", "Cyrillic", "BasicLatin"...); non-letters are not checked. The output passes when at least
/// <see cref="MinFraction"/> of the checked words or letters are allowed, or when it has none to check.
/// </summary>
public sealed record LanguageCheck
{
    private readonly IReadOnlySet<string>? _allowedWords;
    private readonly IReadOnlyList<string>? _unicodeBlocks;
    private readonly Regex? _letterPattern;

    /// <summary>The vocabulary allowed (give this or <see cref="UnicodeBlocks"/>).</summary>
    public IReadOnlySet<string>? AllowedWords
    {
        get => _allowedWords;
        init => _allowedWords = value is null ? null : new HashSet<string>(value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The Unicode blocks letters may come from (give this or <see cref="AllowedWords"/>).</summary>
    public IReadOnlyList<string>? UnicodeBlocks
    {
        get => _unicodeBlocks;
        init
        {
            _unicodeBlocks = value?.ToArray();
            _letterPattern = value is null ? null : LetterPattern(value);
        }
    }

    /// <summary>The share of checked words or letters that must be allowed, in (0, 1].</summary>
    public double MinFraction { get; init; } = 1.0;

    /// <summary>A word check whose vocabulary is every whitespace-separated word of a text file.</summary>
    public static LanguageCheck FromWordFile(string path, double minFraction = 1.0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FatalEvaluationException($"{path}: word list not found.");
        }

        var words = File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return new LanguageCheck { AllowedWords = words.ToHashSet(StringComparer.OrdinalIgnoreCase), MinFraction = minFraction };
    }

    /// <summary>The share of checked words or letters that are allowed; 1 when there is nothing to check.</summary>
    public double AllowedFraction(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Validate();
        var (allowed, checkedCount) = _allowedWords is not null ? CountWords(output) : CountLetters(output);
        return checkedCount == 0 ? 1.0 : (double)allowed / checkedCount;
    }

    public bool Passes(string output) => AllowedFraction(output) >= MinFraction;

    /// <summary>Throws <see cref="ArgumentException"/> when the settings do not make one usable rule.</summary>
    public void Validate()
    {
        if ((_allowedWords is null) == (_unicodeBlocks is null))
        {
            throw new ArgumentException("a language check needs exactly one of AllowedWords and UnicodeBlocks.");
        }

        if (!(MinFraction > 0 && MinFraction <= 1))
        {
            throw new ArgumentException($"language check: MinFraction must be in (0, 1], got {MinFraction}.");
        }

        if (_allowedWords is { Count: 0 })
        {
            throw new ArgumentException("language check: AllowedWords is empty.");
        }
    }

    private (int Allowed, int Checked) CountWords(string output)
    {
        int allowed = 0, checkedCount = 0;
        foreach (var raw in output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim().Trim(PunctuationAround(raw));
            if (!word.Any(char.IsLetter))
            {
                continue;
            }

            checkedCount++;
            if (_allowedWords!.Contains(word))
            {
                allowed++;
            }
        }

        return (allowed, checkedCount);
    }

    private (int Allowed, int Checked) CountLetters(string output)
    {
        int allowed = 0, checkedCount = 0;
        foreach (var c in output)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            checkedCount++;
            if (_letterPattern!.IsMatch(c.ToString()))
            {
                allowed++;
            }
        }

        return (allowed, checkedCount);
    }

    private static char[] PunctuationAround(string word) => word.Where(c => char.IsPunctuation(c) || char.IsSymbol(c)).Distinct().ToArray();

    private static Regex LetterPattern(IReadOnlyList<string> blocks)
    {
        if (blocks.Count == 0)
        {
            throw new ArgumentException("language check: UnicodeBlocks is empty.");
        }

        foreach (var block in blocks)
        {
            if (string.IsNullOrWhiteSpace(block) || !block.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                throw new ArgumentException($"language check: '{block}' is not a Unicode block name.");
            }
        }

        var classes = string.Concat(blocks.Select(b => $@"\p{{Is{b}}}"));
        try
        {
            return new Regex($"^[{classes}]$", RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(
                $"language check: unknown Unicode block among {string.Join(", ", blocks)} (names as in .NET's \\p{{IsName}}, e.g. Hiragana, CJKUnifiedIdeographs).", e);
        }
    }
}
