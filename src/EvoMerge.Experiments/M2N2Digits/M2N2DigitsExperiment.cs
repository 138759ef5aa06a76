using System.Diagnostics;
using EvoMerge.Models.Mlp;
using TorchSharp;

namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>
/// Reproduces the M2N2 paper's digits figure (SakanaAI/natural_niches): methods evolving a
/// 64-256-10 MLP from scratch, and methods merging two pre-trained experts. A forward pass is one
/// evaluation of one candidate on the 1437 training images; the starting models' own evaluations
/// are not counted (as in the reference). The curve value is the test accuracy of the method's
/// representative model (for M2N2: the archive member with the best training accuracy).
/// Results go to curves.csv after every run; runs already there are skipped, so an interrupted
/// experiment continues where it stopped. summary.csv and figure.png are rewritten each time.
/// </summary>
public static class M2N2DigitsExperiment
{
    /// <param name="methods">The methods to choose from; null: <see cref="DigitsMethods.Default"/>.</param>
    public static IReadOnlyList<SummaryRow> Run(M2N2DigitsOptions options, TextWriter log, IReadOnlyList<IDigitsMethod>? methods = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        options.Validate();
        var selected = Select(methods ?? DigitsMethods.Default, options);

        // The evaluation is two small matmuls: use the cores we have, no more (threads beyond them only contend).
        torch.set_num_threads(options.TorchThreads ?? Environment.ProcessorCount);
        string dataPath = options.DataPath ?? DigitsDataset.Locate();
        using var data = DigitsDataset.Load(dataPath);
        var architecture = MlpArchitecture.Digits;
        using var classifier = new MlpClassifier(architecture);

        Directory.CreateDirectory(options.OutputFolder);
        string curvesPath = Path.Combine(options.OutputFolder, CurvesFile.FileName);
        var curves = CurvesFile.Read(curvesPath).ToList();
        CheckBudgets(curves, selected, options, curvesPath);
        log.WriteLine($"M2N2 digits: {selected.Count} methods, {options.Runs} runs, data {dataPath}, output {options.OutputFolder}, {torch.get_num_threads()} torch threads");

        // The reference pair is the same for every run: train it once.
        var referencePair = new Lazy<double[][]>(() =>
        {
            var start = ExpertPair.ReferenceStartingModels(architecture.ParameterCount);
            return ExpertPair.TrainFrom(data, architecture, start[0], start[1]);
        });
        double flopsPerPass = 2.0 * data.Train.Count * architecture.Layout.Where(s => s.Shape.Length == 2).Sum(s => (double)s.Length);
        foreach (var panel in options.Panels)
        {
            long passes = options.PassesFor(panel);
            var panelMethods = selected.Where(m => m.Panel == panel).ToList();
            for (int runIndex = 0; runIndex < options.Runs; runIndex++)
            {
                var pending = panelMethods.Where(m => !curves.Any(r => r.Panel == panel.Name() && r.Method == m.Name && r.Run == runIndex)).ToList();
                foreach (var skipped in panelMethods.Except(pending))
                    log.WriteLine($"[{panel.Name()}] {skipped.Name} run {runIndex}: already in {CurvesFile.FileName}, skipped");
                if (pending.Count == 0) continue;

                ulong seed = options.FirstSeed + (ulong)runIndex;
                var initial = StartingModels(panel, seed, options.Experts, referencePair, data, architecture, classifier, log, runIndex);
                foreach (var method in pending)
                {
                    var run = new DigitsRun(runIndex, seed, panel, initial, architecture, data, classifier, log);
                    var clock = Stopwatch.StartNew();
                    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    var points = method.Run(run, passes, options.RecordEvery);
                    double seconds = clock.Elapsed.TotalSeconds;
                    // CPU time beside wall time: on a shared machine the wall clock also counts other people's work.
                    double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                    // Rounded as curves.csv stores them, so a summary is the same whether its runs were read back or just made.
                    curves.AddRange(points.Select(p => new CurveRow(panel.Name(), method.Name, runIndex, p.ForwardPasses, CurvesFile.Round(p.TestAccuracy))));
                    WriteOutputs(options.OutputFolder, curves);
                    log.WriteLine($"[{panel.Name()}] {method.Name} run {runIndex} (seed {seed}): {passes} passes in {seconds:F1} s " +
                                  $"({passes / seconds:F0} passes/s, {passes * flopsPerPass / seconds / 1e9:F1} GFLOP/s; CPU {cpuSeconds:F1} s), " +
                                  $"test accuracy {points[^1].TestAccuracy:F2}%");
                }
            }
        }
        WriteOutputs(options.OutputFolder, curves);
        return SummaryTable.Compute(curves);
    }

    static List<IDigitsMethod> Select(IReadOnlyList<IDigitsMethod> methods, M2N2DigitsOptions options)
    {
        if (options.Methods is { } names)
        {
            var unknown = names.Where(n => !methods.Any(m => m.Name == n)).ToList();
            if (unknown.Count > 0)
                throw new ArgumentException($"Unknown method(s) {string.Join(", ", unknown)}; known: {string.Join(", ", methods.Select(m => m.Name).Distinct())}.");
        }
        var selected = methods.Where(m => options.Panels.Contains(m.Panel) && (options.Methods is null || options.Methods.Contains(m.Name))).ToList();
        if (selected.Count == 0) throw new ArgumentException("No method matches the chosen panels and method names.");
        var duplicate = selected.GroupBy(m => (m.Panel, m.Name)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Method '{duplicate.Key.Name}' appears twice in panel {duplicate.Key.Panel.Name()}.");
        return selected;
    }

    // Runs of one curves.csv must share a budget, or the summary would mix final values of different lengths.
    static void CheckBudgets(List<CurveRow> curves, List<IDigitsMethod> selected, M2N2DigitsOptions options, string path)
    {
        foreach (var group in curves.GroupBy(r => (r.Panel, r.Method, r.Run)))
        {
            var panel = DigitsPanelNames.FromName(group.Key.Panel);
            if (!selected.Any(m => m.Panel == panel && m.Name == group.Key.Method)) continue;
            long recorded = group.Max(r => r.ForwardPasses), wanted = options.PassesFor(panel);
            if (recorded != wanted)
                throw new InvalidOperationException(
                    $"{path} holds {group.Key.Panel}/{group.Key.Method} run {group.Key.Run} with {recorded} passes, but {wanted} were asked: " +
                    "choose another output folder or remove those rows.");
        }
    }

    static double[][] StartingModels(DigitsPanel panel, ulong seed, ExpertInit experts, Lazy<double[][]> referencePair,
        DigitsDataset data, MlpArchitecture architecture, MlpClassifier classifier, TextWriter log, int runIndex)
    {
        var initRng = DigitsRun.SeedStreams(seed).Init;
        if (panel == DigitsPanel.Scratch)
            return [ExpertPair.RandomModel(architecture.ParameterCount, initRng), ExpertPair.RandomModel(architecture.ParameterCount, initRng)];
        var clock = Stopwatch.StartNew();
        var pair = experts == ExpertInit.Reference ? referencePair.Value : ExpertPair.Train(data, architecture, initRng);
        string origin = experts == ExpertInit.Reference ? "the reference's PRNGKey(42) pair" : $"seed {seed}";
        log.WriteLine($"[pretrained] run {runIndex} ({origin}): experts trained in {clock.Elapsed.TotalSeconds:F1} s, " +
                      $"test accuracy 0-4 expert {100 * classifier.Accuracy(pair[0], data.Test):F1}%, " +
                      $"5-9 expert {100 * classifier.Accuracy(pair[1], data.Test):F1}%");
        return pair;
    }

    static void WriteOutputs(string folder, List<CurveRow> curves)
    {
        CurvesFile.Write(Path.Combine(folder, CurvesFile.FileName), curves);
        SummaryTable.Write(Path.Combine(folder, SummaryTable.FileName), SummaryTable.Compute(curves));
        FigureWriter.Write(Path.Combine(folder, FigureWriter.FileName), curves);
    }
}
