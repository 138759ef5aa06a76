namespace EvoMerge.Evaluation.External;

/// <summary>The platform shell that runs a command line, and its quoting.</summary>
internal static class Shell
{
    public static string Program => OperatingSystem.IsWindows() ? "cmd.exe" : "/bin/sh";

    public static IReadOnlyList<string> Arguments(string command) =>
        OperatingSystem.IsWindows() ? ["/d", "/s", "/c", command] : ["-c", command];

    /// <summary>Quotes a path so the shell passes it through as one word, whatever characters it holds.</summary>
    public static string Quote(string text) =>
        OperatingSystem.IsWindows()
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
