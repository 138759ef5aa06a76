namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>
/// How <c>tojson</c> writes, as Python's <c>json.dumps</c>: separators default to ", " and ": " (", " becomes ","
/// when indented), non-ASCII text stays as it is unless <see cref="EnsureAscii"/>.
/// </summary>
sealed record JsonStyle(int? Indent, bool SortKeys, bool EnsureAscii, (string Item, string Key)? Separators)
{
    public static JsonStyle Default { get; } = new(null, false, false, null);

    public string ItemSeparator => Separators?.Item ?? (Indent is null ? ", " : ",");

    public string KeySeparator => Separators?.Key ?? ": ";
}
