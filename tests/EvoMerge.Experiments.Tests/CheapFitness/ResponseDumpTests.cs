using EvoMerge.Experiments.CheapFitness;

namespace EvoMerge.Experiments.Tests.CheapFitness;

public sealed class ResponseDumpTests : IDisposable
{
    readonly TempFolder _folder = new();

    [Fact]
    public void The_dump_holds_every_models_answers_in_full_and_no_temporary_file()
    {
        using var problem = new ThresholdProblem();
        var budget = new CheapFitnessBudget { Evaluations = 8, Population = 4, Examples = 3, CalibrationRandomCandidates = 0 };
        ResponseDump.Write(problem, 42, budget, randomCandidates: 3, _folder.Path, TextWriter.Null);

        Assert.Equal(["threshold_42.csv"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
        var lines = File.ReadAllLines(Path.Combine(_folder.Path, "threshold_42.csv"));
        Assert.Equal("set,index,genes,answers", lines[0]);
        Assert.Equal("strata,0,,0;1;0;1;0;1;0;1;0;1", lines[1]);
        Assert.Equal("fixed,0,0;0,0000000000", lines[2]);
        Assert.Equal("fixed,1,1;1,1111111111", lines[3]);
        Assert.Equal(3, lines.Count(l => l.StartsWith("random,", StringComparison.Ordinal)));
        var trials = lines.Where(l => l.StartsWith("trial,", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, trials.Count);
        foreach (var line in lines.Skip(2))
        {
            var cells = line.Split(',');
            double[] genes = [.. cells[2].Split(';').Select(g => double.Parse(g, System.Globalization.CultureInfo.InvariantCulture))];
            Assert.Equal(string.Concat(problem.ScoreAll(genes).Select(a => a > 0 ? '1' : '0')), cells[3]);
        }
    }

    public void Dispose() => _folder.Dispose();
}
