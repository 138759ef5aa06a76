using EvoMerge.Core.Optimization;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests.Irt;

public sealed class IrtCalibrationTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    /// <summary>
    /// The neighbour estimator weighs neighbours by distance and puts a ridge on the slopes, both meant for genes in
    /// the unit box: a gene whose bounds are 100 times wider must not change which calibration trials count, nor
    /// the anchors drawn. Scaled raw genes (the bug) let that gene decide the neighbours alone.
    /// </summary>
    [Fact]
    public void Neighbour_anchors_and_estimates_do_not_depend_on_a_genes_range()
    {
        var tasks = SearchConfigParser.ParseFile(_fixture.Config("cmaes", evaluations: 20), _fixture.Folder).Tasks;
        int[] examples = [.. tasks.Select(_ => 25)];
        var random = new Random(11);
        double[][] itemSlopes = [.. Enumerable.Range(0, examples.Sum()).Select(_ => new[] { random.NextDouble() * 8 - 4, random.NextDouble() * 8 - 4, random.NextDouble() * 2 - 1 })];
        double[] Answers(double[] unit) =>
            [.. itemSlopes.Select(s => random.NextDouble() < 1 / (1 + Math.Exp(-(s[0] * unit[0] + s[1] * unit[1] + s[2]))) ? 1.0 : 0.0)];

        // 45 calibration trials: more than the 30 nearest that one plane uses, so the distance decides who counts.
        var unitGenes = Enumerable.Range(0, 45).Select(_ => new[] { random.NextDouble(), random.NextDouble() }).ToList();
        var answers = unitGenes.Select(Answers).ToList();
        double[] Wide(double[] unit) => [unit[0] * 100, unit[1]];
        var spec = new IrtSpec(Anchors: 6, Calibration: 45, Estimate: AnchorEstimate.Neighbour);
        var unitBox = IrtCalibration.Fit(tasks, examples, [.. unitGenes.Select((g, i) => ((IReadOnlyList<double>)g, (IReadOnlyList<double>)answers[i]))],
                                         spec, runSeed: 5, new Bounds([0, 0], [1, 1]));
        var wideBox = IrtCalibration.Fit(tasks, examples, [.. unitGenes.Select((g, i) => ((IReadOnlyList<double>)Wide(g), (IReadOnlyList<double>)answers[i]))],
                                         spec, runSeed: 5, new Bounds([0, 0], [100, 1]));

        for (long trial = 100; trial < 120; trial++)
        {
            double[] genes = [random.NextDouble(), random.NextDouble()];
            var narrow = unitBox.PlanFor(trial, genes);
            var wide = wideBox.PlanFor(trial, Wide(genes));
            Assert.Equal(narrow.Anchors, wide.Anchors);
            var scores = Enumerable.Range(0, narrow.AnchorCount).Select(i => (double)(i % 2)).ToList();
            var expected = narrow.EstimatedMetrics(scores);
            foreach (var (column, value) in wide.EstimatedMetrics(scores))
                Assert.Equal(expected[column], value, 9);
        }
    }
}
