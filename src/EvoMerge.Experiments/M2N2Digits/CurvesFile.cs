using System.Globalization;
using System.Text;
using EvoMerge.Core.IO;

namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>curves.csv: <c>panel,method,run,forward_passes,test_accuracy</c> (accuracy in percent), invariant culture.</summary>
public static class CurvesFile
{
    public const string FileName = "curves.csv";
    public const string Header = "panel,method,run,forward_passes,test_accuracy";

    public static IReadOnlyList<CurveRow> Read(string path)
    {
        if (!File.Exists(path)) return [];
        var rows = new List<CurveRow>();
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) return rows;
        if (lines[0].Trim() != Header) throw new InvalidDataException($"{path}: header '{lines[0]}' is not '{Header}'.");
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var f = lines[i].Split(',');
            if (f.Length != 5) throw new InvalidDataException($"{path} line {i + 1}: expected 5 fields, got {f.Length}.");
            rows.Add(new CurveRow(f[0], f[1],
                int.Parse(f[2], CultureInfo.InvariantCulture),
                long.Parse(f[3], CultureInfo.InvariantCulture),
                double.Parse(f[4], CultureInfo.InvariantCulture)));
        }
        return rows;
    }

    public static void Write(string path, IEnumerable<CurveRow> rows)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var r in rows)
            text.Append(CultureInfo.InvariantCulture, $"{r.Panel},{r.Method},{r.Run},{r.ForwardPasses},{Percent(r.TestAccuracy)}\n");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteAllText(path, text.ToString(), fsync: false);
    }

    /// <summary>Accuracy in percent with 6 decimals: exact enough for k/360 and stable to diff.</summary>
    public static string Percent(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>The value <see cref="Percent"/> writes, as a number.</summary>
    public static double Round(double value) => Math.Round(value, 6, MidpointRounding.AwayFromZero);
}
