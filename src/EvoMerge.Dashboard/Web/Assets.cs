using System.Collections.Frozen;

namespace EvoMerge.Dashboard.Web;

/// <summary>The page's files, embedded in the assembly: a fixed list, so a URL can name nothing else.</summary>
public static class Assets
{
    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
        ["echarts.min.js"] = "text/javascript; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Names => ContentTypes.Keys;

    public static string? ContentType(string name) => ContentTypes.GetValueOrDefault(name);

    /// <summary>The file's bytes, or null for a name that is not one of the page's files.</summary>
    public static byte[]? Read(string name)
    {
        if (!ContentTypes.ContainsKey(name)) return null;
        using var stream = typeof(Assets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The dashboard assembly lacks its embedded file '{name}'; rebuild it.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static string Text(string name) =>
        System.Text.Encoding.UTF8.GetString(Read(name) ?? throw new ArgumentException($"'{name}' is not a dashboard file.", nameof(name)));
}
