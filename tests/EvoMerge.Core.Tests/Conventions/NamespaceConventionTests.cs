using System.Text.RegularExpressions;

namespace EvoMerge.Core.Tests.Conventions;

/// <summary>
/// Every source file's namespace is its project's name plus its folder path (src/EvoMerge.X/A/B/F.cs declares
/// EvoMerge.X.A.B), so a reader finds a type's file from its namespace and back.
/// </summary>
public sealed partial class NamespaceConventionTests
{
    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [Fact]
    public void Every_source_file_declares_the_namespace_of_its_folder()
    {
        string src = Path.Combine(RepoPaths.Root, "src");
        var wrong = new List<string>();
        int checkedFiles = 0;
        foreach (string file in SourceFiles(src))
        {
            string relative = Path.GetRelativePath(src, file).Replace('\\', '/');
            checkedFiles++;
            string expected = string.Join('.', Path.GetDirectoryName(relative)!.Split('/', StringSplitOptions.RemoveEmptyEntries));
            foreach (Match declaration in NamespaceDeclaration().Matches(File.ReadAllText(file)))
            {
                if (declaration.Groups[1].Value != expected)
                {
                    wrong.Add($"{relative}: namespace {declaration.Groups[1].Value}, expected {expected}");
                }
            }
        }

        Assert.True(checkedFiles > 100, $"only {checkedFiles} files found under {src}");
        Assert.True(wrong.Count == 0, "namespaces that do not match their folder:\n" + string.Join('\n', wrong));
    }

    /// <summary>C# files under <paramref name="folder"/>, without build output.</summary>
    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));
}
