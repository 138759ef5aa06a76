using System.Globalization;
using System.Text;
using EvoMerge.Core.IO;

namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>summary.csv: per panel and method, the mean test accuracy over runs at the final budget and its standard error.</summary>
public static class SummaryTable
{
    public const string FileName = "summary.csv";
    public const string Header = "panel,method,runs,forward_passes,mean_test_accuracy,stderr";

    /// <summary>Groups in first-appearance order; the standard error (sample sd / sqrt(n)) is null for a single run.</summary>
    public static IReadOnlyList<SummaryRow> Compute(IEnumerable<CurveRow> curves) =>
        curves.GroupBy(r => (r.Panel, r.Method))
            .Select(group =>
            {
                long final = group.Max(r => r.ForwardPasses);
                var finals = group.Where(r => r.ForwardPasses == final).Select(r => r.TestAccuracy).ToArray();
                double mean = finals.Average();
                double? stderr = finals.Length < 2
                    ? null
                    : Math.Sqrt(finals.Sum(v => (v - mean) * (v - mean)) / (finals.Length - 1) / finals.Length);
                return new SummaryRow(group.Key.Panel, group.Key.Method, finals.Length, final, mean, stderr);
            })
            .ToList();

    public static void Write(string path, IEnumerable<SummaryRow> rows)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var r in rows)
        {
            string stderr = r.StandardError is { } se ? CurvesFile.Percent(se) : "";
            text.Append(CultureInfo.InvariantCulture, $"{r.Panel},{r.Method},{r.Runs},{r.ForwardPasses},{CurvesFile.Percent(r.MeanTestAccuracy)},{stderr}\n");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteAllText(path, text.ToString(), fsync: false);
    }
}
