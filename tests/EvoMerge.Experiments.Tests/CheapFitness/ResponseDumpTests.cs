using EvoMerge.Core.Optimization;
using EvoMerge.Experiments.CheapFitness;

namespace EvoMerge.Experiments.Tests.CheapFitness;

public sealed class ResponseDumpTests : IDisposable
{
    readonly TempFolder _folder = new();

    /// <summary>Two genes in [0, 1]; example i is right when gene (i mod 2) exceeds i / 10: answers follow the genes.</summary>
    sealed class ThresholdProblem : IFitnessProblem
    {
        public string Task => "threshold";
        public int GeneCount => 2;
        public Bounds Bounds => Bounds.Uniform(2, 0, 1);
        public double[] Start => [0.5, 0.5];
        public double Sigma0 => 0.2;
        public int FitnessCount => 10;
        public IReadOnlyList<int>? Strata => [.. Enumerable.Range(0, 10).Select(i => i % 2)];
        public long ExamplesEvaluated { get; private set; }
        public double[] Score(IReadOnlyList<double> genes, IReadOnlyList<int> rows)
        {
            ExamplesEvaluated += rows.Count;
            return [.. rows.Select(i => genes[i % 2] > i / 10.0 ? 1.0 : 0.0)];
        }
        public double[] ScoreAll(IReadOnlyList<double> genes) => Score(genes, [.. Enumerable.Range(0, 10)]);
        public double TestAccuracy(IReadOnlyList<double> genes) => 0;
        public IReadOnlyList<double[]> CalibrationPoints() => [[0, 0], [1, 1]];
        public void Dispose() { }
    }

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
