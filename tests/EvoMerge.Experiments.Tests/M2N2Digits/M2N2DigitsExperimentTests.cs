using EvoMerge.Experiments.M2N2Digits;

namespace EvoMerge.Experiments.Tests.M2N2Digits;

public class M2N2DigitsExperimentTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Tiny_budget_writes_all_outputs_and_a_second_call_skips_finished_runs()
    {
        string dir = Directory.CreateTempSubdirectory("m2n2-digits").FullName;
        try
        {
            var options = new M2N2DigitsOptions { Runs = 1, Passes = 200, RecordEvery = 100, OutputFolder = dir, TorchThreads = 1 };
            var first = new StringWriter();
            // A coarse brute-force grid keeps the smoke test fast; everything else is the real method list.
            var methods = DigitsMethods.Default.Where(m => m is not BruteForceSlerpMethod).Append(new BruteForceSlerpMethod(gridPoints: 50)).ToList();
            var summary = M2N2DigitsExperiment.Run(options, first, methods);

            Assert.Equal(12, summary.Count);
            Assert.All(summary, row => Assert.Equal(200, row.ForwardPasses));
            Assert.All(summary, row => Assert.InRange(row.MeanTestAccuracy, 0, 100));
            var curves = CurvesFile.Read(Path.Combine(dir, CurvesFile.FileName));
            Assert.Equal(12 * 3, curves.Count); // passes 0, 100, 200 per method
            Assert.Contains(curves, r => r is { Panel: "pretrained", Method: "brute_force_slerp" });
            // Merging two trained experts beats the random starting models by far.
            double m2n2Pretrained = summary.Single(r => r is { Panel: "pretrained", Method: "m2n2" }).MeanTestAccuracy;
            double m2n2Scratch = summary.Single(r => r is { Panel: "scratch", Method: "m2n2" }).MeanTestAccuracy;
            Assert.True(m2n2Pretrained > m2n2Scratch, $"pretrained {m2n2Pretrained} vs scratch {m2n2Scratch}");
            Assert.True(File.Exists(Path.Combine(dir, SummaryTable.FileName)));
            var png = File.ReadAllBytes(Path.Combine(dir, FigureWriter.FileName));
            Assert.True(png.Length > 10_000);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            Assert.Contains("torch threads", first.ToString());

            string before = File.ReadAllText(Path.Combine(dir, CurvesFile.FileName));
            var second = new StringWriter();
            M2N2DigitsExperiment.Run(options, second, methods);
            Assert.Equal(before, File.ReadAllText(Path.Combine(dir, CurvesFile.FileName)));
            Assert.Equal(12, second.ToString().Split('\n').Count(l => l.Contains("skipped")));

            // A different budget into the same file is refused rather than mixed in.
            Assert.Throws<InvalidOperationException>(() => M2N2DigitsExperiment.Run(options with { Passes = 300 }, TextWriter.Null, methods));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void More_runs_continue_an_existing_file()
    {
        string dir = Directory.CreateTempSubdirectory("m2n2-digits-more").FullName;
        try
        {
            var options = new M2N2DigitsOptions
            {
                Runs = 1, Passes = 50, RecordEvery = 25, OutputFolder = dir, TorchThreads = 1,
                Panels = [DigitsPanel.Scratch], Methods = ["m2n2"],
            };
            M2N2DigitsExperiment.Run(options, TextWriter.Null);
            var log = new StringWriter();
            var summary = M2N2DigitsExperiment.Run(options with { Runs = 2 }, log);
            Assert.Equal(2, summary.Single().Runs);
            Assert.NotNull(summary.Single().StandardError);
            Assert.Contains("run 0: already in curves.csv, skipped", log.ToString());
            Assert.Contains("m2n2 run 1 (seed 43)", log.ToString());
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Unknown_methods_and_bad_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => M2N2DigitsExperiment.Run(new M2N2DigitsOptions { Methods = ["nope"] }, TextWriter.Null));
        Assert.Throws<ArgumentException>(() => M2N2DigitsExperiment.Run(new M2N2DigitsOptions { Runs = 0 }, TextWriter.Null));
        Assert.Throws<ArgumentException>(() => DigitsPanelNames.Parse("sideways"));
        Assert.Equal([DigitsPanel.Scratch, DigitsPanel.Pretrained], DigitsPanelNames.Parse("both"));
    }

    [Fact]
    public void Same_seed_gives_the_same_curve()
    {
        var curves = new List<IReadOnlyList<CurveRow>>();
        for (int i = 0; i < 2; i++)
        {
            string dir = Directory.CreateTempSubdirectory("m2n2-digits-repeat").FullName;
            try
            {
                M2N2DigitsExperiment.Run(new M2N2DigitsOptions
                {
                    Runs = 1, Passes = 60, RecordEvery = 20, OutputFolder = dir, TorchThreads = 1,
                    Panels = [DigitsPanel.Scratch], Methods = ["m2n2"],
                }, TextWriter.Null);
                curves.Add(CurvesFile.Read(Path.Combine(dir, CurvesFile.FileName)));
            }
            finally { Directory.Delete(dir, recursive: true); }
        }
        Assert.Equal(curves[0], curves[1]);
    }

    [Fact]
    public void Reference_experts_are_one_pair_shared_by_every_run()
    {
        string dir = Directory.CreateTempSubdirectory("m2n2-digits-reference").FullName;
        try
        {
            var log = new StringWriter();
            var options = new M2N2DigitsOptions
            {
                Runs = 2, Passes = 40, RecordEvery = 20, OutputFolder = dir, TorchThreads = 1,
                Panels = [DigitsPanel.Pretrained], Methods = ["brute_force_slerp", "m2n2"], Experts = ExpertInit.Reference,
            };
            M2N2DigitsExperiment.Run(options, log, [new BruteForceSlerpMethod(gridPoints: 40), .. DigitsMethods.Default.Where(m => m.Name == "m2n2")]);
            var curves = CurvesFile.Read(Path.Combine(dir, CurvesFile.FileName));
            double Final(string method, int run) => curves.Single(r => r.Method == method && r.Run == run && r.ForwardPasses == 40).TestAccuracy;
            // The same experts in both runs: the brute-force line cannot differ.
            Assert.Equal(Final("brute_force_slerp", 0), Final("brute_force_slerp", 1));
            Assert.Equal(2, log.ToString().Split('\n').Count(l => l.Contains("the reference's PRNGKey(42) pair")));

            // Per-seed experts differ between runs 0 and 1.
            string perSeed = Directory.CreateTempSubdirectory("m2n2-digits-perseed").FullName;
            try
            {
                M2N2DigitsExperiment.Run(options with { OutputFolder = perSeed, Experts = ExpertInit.PerRunSeed, Methods = ["brute_force_slerp"] },
                    TextWriter.Null, [new BruteForceSlerpMethod(gridPoints: 40)]);
                var other = CurvesFile.Read(Path.Combine(perSeed, CurvesFile.FileName));
                Assert.NotEqual(other.Single(r => r.Run == 0 && r.ForwardPasses == 40).TestAccuracy, Final("brute_force_slerp", 0));
            }
            finally { Directory.Delete(perSeed, recursive: true); }
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
