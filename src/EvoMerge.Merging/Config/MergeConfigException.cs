namespace EvoMerge.Merging.Config;

/// <summary>
/// Everything wrong with a merge request, found before any tensor data is read. Each problem
/// names the config field, file, tensor or model concerned and, where possible, what to do.
/// </summary>
public sealed class MergeConfigException : Exception
{
    public IReadOnlyList<string> Problems { get; }

    public MergeConfigException(IReadOnlyList<string> problems)
        : base(Format(problems)) => Problems = problems;

    public MergeConfigException(string problem) : this([problem]) { }

    static string Format(IReadOnlyList<string> problems) =>
        problems.Count == 1
            ? problems[0]
            : $"{problems.Count} problems:" + string.Concat(problems.Select(p => "\n  - " + p));
}
