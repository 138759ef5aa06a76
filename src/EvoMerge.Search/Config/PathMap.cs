namespace EvoMerge.Search.Config;

/// <summary>
/// Where another machine keeps the files a config names: each rule replaces a leading folder of an absolute
/// path (<c>/data/models=/mnt/nfs/models</c>), the longest matching rule first. A worker on a machine whose
/// models and data live elsewhere reads the coordinator's config through it.
/// </summary>
public sealed class PathMap
{
    readonly List<(string From, string To)> rules;

    PathMap(List<(string From, string To)> rules) => this.rules = rules;

    public static PathMap None { get; } = new([]);

    public bool IsEmpty => rules.Count == 0;

    /// <summary>Rules of the form <c>FROM=TO</c>, both absolute; an <see cref="ArgumentException"/> naming <paramref name="option"/> otherwise.</summary>
    public static PathMap Parse(IEnumerable<string> texts, string option)
    {
        var rules = new List<(string, string)>();
        foreach (var text in texts)
        {
            var equals = text.IndexOf('=');
            var from = equals < 0 ? "" : text[..equals].Trim();
            var to = equals < 0 ? "" : text[(equals + 1)..].Trim();
            if (!Path.IsPathFullyQualified(from) || !Path.IsPathFullyQualified(to))
                throw new ArgumentException($"{option}: '{text}' is not FROM=TO with two absolute folders (the coordinator's folder, then this machine's).");
            rules.Add((Normalize(from), Normalize(to)));
        }
        return new PathMap(rules.OrderByDescending(r => r.Item1.Length).ToList());
    }

    /// <summary>The rules turned around: from this machine's paths back to the coordinator's.</summary>
    public PathMap Inverse() => new(rules.Select(r => (r.To, r.From)).OrderByDescending(r => r.Item1.Length).ToList());

    /// <summary>The path on this machine: the first rule whose folder holds <paramref name="path"/> applied, or the path itself.</summary>
    public string Apply(string path)
    {
        foreach (var (from, to) in rules)
        {
            if (path == from) return to;
            if (path.StartsWith(from == "/" ? from : from + "/", StringComparison.Ordinal))
                return Path.Join(to, path[(from == "/" ? 1 : from.Length + 1)..]);
        }
        return path;
    }

    static string Normalize(string folder)
    {
        var full = Path.GetFullPath(folder);
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }
}
