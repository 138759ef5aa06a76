namespace EvoMerge.Dashboard.Web;

/// <summary>
/// The held-out test scores of a trial, from the run's <c>test.csv</c> (written when a run with test
/// data ends; rows <c>model,kind,trial,...</c>): the rows whose trial column is the trial's id.
/// </summary>
public static class TestScores
{
    public const string FileName = "test.csv";

    public static IReadOnlyList<IReadOnlyList<(string Column, string Value)>> ForTrial(string runFolder, long trialId)
    {
        string path = Path.Combine(runFolder, FileName);
        if (!File.Exists(path)) return [];
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        if (lines.Count < 2) return [];
        var header = lines[0].Split(',');
        int trialColumn = Array.IndexOf(header, "trial");
        if (trialColumn < 0) return [];
        string id = trialId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return lines.Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f.Length == header.Length && f[trialColumn] == id)
            .Select(f => (IReadOnlyList<(string, string)>)header.Zip(f).ToList())
            .ToList();
    }
}
