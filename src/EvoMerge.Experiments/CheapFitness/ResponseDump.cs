using System.Globalization;
using System.Text;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// `experiment cheap-fitness --dump-responses DIR`: per task and seed, the per-example answers of the
/// IRT calibration points (sources and simple merges), of a pool of uniform random candidates and of the
/// full-evaluation search's trials, written once so estimator variants can be compared offline in
/// seconds instead of re-running the searches. One CSV per task and seed:
/// <c>set,index,genes,answers</c> (set: fixed, random or trial; genes separated by ';'; answers one
/// 0/1 character per fitness row) and a <c>strata</c> row.
/// </summary>
public static class ResponseDump
{
    public static void Write(IFitnessProblem problem, ulong seed, CheapFitnessBudget budget, int randomCandidates, string folder, TextWriter log)
    {
        Directory.CreateDirectory(folder);
        var lines = new List<string> { "set,index,genes,answers" };
        if (problem.Strata is { } strata) lines.Add($"strata,0,,{string.Join(';', strata)}");
        var fixedPoints = problem.CalibrationPoints();
        for (int i = 0; i < fixedPoints.Count; i++) lines.Add(Line("fixed", i, fixedPoints[i], problem.ScoreAll(fixedPoints[i])));
        var rng = StreamSeeds.For(seed, StreamSeeds.Calibration);
        var box = problem.Bounds;
        for (int r = 0; r < randomCandidates; r++)
        {
            double[] genes = [.. Enumerable.Range(0, problem.GeneCount).Select(g => rng.NextDouble(box.Lower[g], box.Upper[g]))];
            lines.Add(Line("random", r, genes, problem.ScoreAll(genes)));
        }
        var (_, trials) = FullEvaluationMethod.Run(problem, seed, budget);
        for (int t = 0; t < trials.Count; t++) lines.Add(Line("trial", t, trials[t].Genes, trials[t].Scores));
        string path = Path.Combine(folder, $"{problem.Task}_{seed}.csv");
        string temporary = path + ".tmp";
        File.WriteAllLines(temporary, lines);
        File.Move(temporary, path, overwrite: true);
        log.WriteLine($"{problem.Task} seed {seed}: {fixedPoints.Count} fixed, {randomCandidates} random, {trials.Count} trials -> {path}");
    }

    static string Line(string set, int index, IReadOnlyList<double> genes, double[] answers)
    {
        var text = new StringBuilder(answers.Length);
        foreach (double a in answers) text.Append(a >= 0.5 ? '1' : '0');
        return $"{set},{index},{string.Join(';', genes.Select(g => g.ToString("R", CultureInfo.InvariantCulture)))},{text}";
    }
}
