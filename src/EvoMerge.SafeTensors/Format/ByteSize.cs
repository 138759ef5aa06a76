using System.Globalization;

namespace EvoMerge.SafeTensors.Format;

/// <summary>Parses sizes such as "5GB" (5*10^9), "500MB", "1.5GiB" (1.5*2^30), "2KB" or "123" (bytes).</summary>
public static class ByteSize
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40),
        ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000),
        ("B", 1),
    ];

    /// <summary>Case-insensitive; spaces between number and unit allowed; the result must be a whole number of bytes.</summary>
    /// <exception cref="FormatException">The text is not a size in one of these forms.</exception>
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var (number, factor) = SplitUnit(trimmed);
        if (!decimal.TryParse(number.TrimEnd(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw Invalid(text);
        }

        decimal bytes;
        try
        {
            bytes = value * factor;
        }
        catch (OverflowException)
        {
            throw new FormatException($"'{text}' is too large a size.");
        }

        if (bytes != decimal.Truncate(bytes))
        {
            throw new FormatException($"'{text}' is not a whole number of bytes ({bytes}).");
        }

        if (bytes > long.MaxValue)
        {
            throw new FormatException($"'{text}' is too large a size.");
        }

        return (long)bytes;
    }

    private static (string Number, long Factor) SplitUnit(string text)
    {
        foreach (var (suffix, factor) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return (text[..^suffix.Length], factor);
            }
        }

        return (text, 1);
    }

    private static FormatException Invalid(string text) =>
        new($"'{text}' is not a size: write bytes (\"123\") or a number with a unit, e.g. \"5GB\", \"500MB\", " +
            "\"1.5GiB\", \"2KB\" (KB/MB/GB/TB are powers of 1000, KiB/MiB/GiB/TiB powers of 1024).");
}
