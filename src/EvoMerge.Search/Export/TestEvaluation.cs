using System.Globalization;
using System.Text;
using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Merging.Config;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Best;
using EvoMerge.Search.Config;
using EvoMerge.Search.Genomes;
using EvoMerge.Search.Spaces;
using EvoMerge.Search.Tasks;

namespace EvoMerge.Search.Export;

/// <summary>
/// The final report on held-out test data (never used for selection): each source model alone, the plain
/// average of the experts (linear, equal weights), and the best trial of each objective, scored on every
/// task's <c>test_data</c>. Writes <c>test.csv</c> (<c>model,kind,trial,task.&lt;task&gt;.&lt;metric&gt;...,pooled.&lt;metric&gt;</c>;
/// the pooled column scores all test examples together when the tasks share their metric) and returns a
/// text table; null when no task has test data.
/// </summary>
public static class TestEvaluation
{
    public const string FileName = "test.csv";

    public static string? Write(FinishedRun run, Action<string>? log = null)
    {
        var config = run.Config;
        if (config.Tasks.All(t => t.TestData is null)) return null;
        using var suite = TaskSuiteFactory.Create(config, TaskSplit.Test, run.ScratchRoot, log);
        string? pooledMetric = suite.Tasks.Select(t => t.Task.Metric).Distinct().Count() == 1 && suite.Examples > 0 ? suite.Tasks[0].Task.Metric : null;

        var rows = new List<(string Model, string Kind, long? Trial, TrialEvaluation Result)>();
        // Each model read or merged here is freed as soon as it is scored: several of them at once would not fit.
        TrialEvaluation Once(Func<MergedModel> load)
        {
            using var model = load();
            return suite.Evaluate(model, CancellationToken.None);
        }

        void Score(string model, string kind, long? trial, Func<TrialEvaluation> evaluate)
        {
            try { rows.Add((model, kind, trial, evaluate())); }
            catch (Exception e) when (e is IOException or ArgumentException or MergeConfigException or InvalidOperationException or FatalEvaluationException)
            {
                rows.Add((model, kind, trial, new TrialEvaluation.Failed($"could not build or score the model: {e.Message}", 0)));
            }
        }

        var space = run.Space;
        if (config.Models.Base is { } b && space is IMergeReferences)
            Score(b.Name, "base", null, () => Once(() => MergedModel.ReadSafeTensors(b.Path)));
        foreach (var expert in config.Models.Experts)
            Score(expert.Name, "expert", null, () => Once(() => MergedModel.ReadSafeTensors(expert.Path)));
        if (config.Models.Experts.Count > 1 && space is IMergeReferences ps)
            Score("plain_average", "average", null, () => Once(() => ps.Materialize(PlainAverage(config), CancellationToken.None)));
        var state = run.State;
        foreach (var (name, trial) in BestTrials.Find(state, run.Schema))
            Score(name == RunFront.BalancedName ? "pareto_balanced" : $"best_{name}", "search", trial.TrialId, () => space.Evaluate(TrialSeeds.For(config.Seed, trial.TrialId), trial.Genes.ToArray(), suite, null, CancellationToken.None));

        var columns = suite.MetricColumns.ToList();
        if (pooledMetric is not null) columns.Add($"pooled.{pooledMetric}");
        var csv = new StringBuilder();
        csv.Append(string.Join(',', new[] { "model", "kind", "trial" }.Concat(columns))).Append('\n');
        foreach (var (model, kind, trial, result) in rows)
        {
            var fields = new List<string> { model, kind, trial?.ToString(CultureInfo.InvariantCulture) ?? "" };
            foreach (var column in columns) fields.Add(Value(result, column, pooledMetric) is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "");
            csv.Append(string.Join(',', fields)).Append('\n');
        }
        Core.IO.AtomicFile.WriteAllText(Path.Combine(run.Folder, FileName), csv.ToString(), fsync: false);
        return Table(rows, columns, pooledMetric);
    }

    static double? Value(TrialEvaluation result, string column, string? pooledMetric)
    {
        if (result is not TrialEvaluation.Completed done) return null;
        if (pooledMetric is not null && column == $"pooled.{pooledMetric}")
            return done.PerExampleScores is { Length: > 0 } s ? s.Average() : null;
        return done.Metrics.TryGetValue(column, out double v) ? v : null;
    }

    static MergeConfig PlainAverage(Config.SearchConfig config) => new()
    {
        MergeMethod = "linear",
        Models = config.Models.Experts.Select(e => new ModelEntry(e.Path,
            new ParameterSet(new Dictionary<string, ParameterSetting> { ["weight"] = new ParameterSetting.Scalar(1.0) }))).ToList(),
        DType = config.Merge.DType,
        OutDType = config.Merge.OutDType,
        RandomSeed = 0,
    };

    static string Table(List<(string Model, string Kind, long? Trial, TrialEvaluation Result)> rows, List<string> columns, string? pooledMetric)
    {
        var sb = new StringBuilder("Test data (never used for selection):\n");
        int width = Math.Max(14, rows.Max(r => r.Model.Length) + 1);
        sb.Append("  ").Append("model".PadRight(width)).Append(string.Join("  ", columns.Select(c => c.PadLeft(Math.Max(10, c.Length))))).Append('\n');
        foreach (var (model, _, _, result) in rows)
        {
            sb.Append("  ").Append(model.PadRight(width));
            if (result is TrialEvaluation.Failed failed) { sb.Append("failed: ").Append(failed.Reason).Append('\n'); continue; }
            sb.Append(string.Join("  ", columns.Select(c => (Value(result, c, pooledMetric) is double v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "-").PadLeft(Math.Max(10, c.Length)))));
            sb.Append('\n');
        }
        return sb.ToString().TrimEnd();
    }
}
