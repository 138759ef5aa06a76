using System.Text.RegularExpressions;

namespace EvoMerge.Search.Tests.Architecture;

/// <summary>The C# files of src/EvoMerge.Search by top-level folder, found from the test's output folder.</summary>
static partial class SourceTree
{
    public static string SearchProject()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "src", "EvoMerge.Search");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"no src/EvoMerge.Search above {AppContext.BaseDirectory}.");
    }

    /// <summary>Each top-level folder's files (bin/ and obj/ left out).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Folders()
    {
        string root = SearchProject();
        return Directory.EnumerateDirectories(root)
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj"))
            .ToDictionary(name => name!, name => (IReadOnlyList<string>)Directory.EnumerateFiles(Path.Combine(root, name!), "*.cs", SearchOption.AllDirectories).ToList());
    }

    /// <summary>
    /// The other folders a file uses: <c>using EvoMerge.Search.X</c>, fully qualified <c>EvoMerge.Search.X.</c>, and
    /// <c>X.Type</c> written relative to the enclosing namespace (comments are skipped).
    /// </summary>
    public static IEnumerable<string> UsedFolders(string file, IReadOnlyCollection<string> folders)
    {
        string text = LineComment().Replace(File.ReadAllText(file), "");
        foreach (Match m in Qualified().Matches(text)) yield return m.Groups[1].Value;
        var relative = new Regex(@"(?<![\w.])(" + string.Join('|', folders) + @")\.[A-Z]\w*");
        foreach (Match m in relative.Matches(text)) yield return m.Groups[1].Value;
    }

    [GeneratedRegex(@"//.*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"EvoMerge\.Search\.(\w+)")]
    private static partial Regex Qualified();
}
