namespace EvoMerge.Reporting;

/// <summary>What <see cref="RunReport.Write"/> produced: the PNG files (full paths, in writing order) and the summary text.</summary>
public sealed record RunReportResult(IReadOnlyList<string> Files, string Summary);
