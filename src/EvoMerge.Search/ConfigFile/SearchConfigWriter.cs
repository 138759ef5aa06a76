using System.Security.Cryptography;
using System.Text;
using EvoMerge.Search.Config;
using EvoMerge.Search.Optimizers;
using EvoMerge.Search.Spaces;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Yaml;

namespace EvoMerge.Search.ConfigFile;

/// <summary>
/// Writes a <see cref="SearchConfig"/> back as YAML with every default filled in and every path absolute:
/// the resolved configuration a run folder keeps (and <c>resume</c> reads). <see cref="SearchHash"/> covers
/// only what changes the search (models, merge, genome, optimizer, fitness, tasks, seed), so a resume may extend
/// the budget or change the device but not the experiment.
/// </summary>
public static class SearchConfigWriter
{
    /// <summary>
    /// The version of <see cref="SearchHash"/>'s definition, recorded in each run's run_created event: a run
    /// hashed under another definition cannot be compared and is refused on resume with this number. Runs
    /// journaled before it was recorded use version 1.
    /// </summary>
    public const int HashVersion = 1;

    public static string ToYaml(SearchConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var sb = new StringBuilder();
        sb.Append("# Resolved by EvoMerge: defaults filled in, paths absolute.\n");
        sb.Append("name: ").Append(Q(config.Name)).Append('\n');
        sb.Append("device: ").Append(Q(config.Device)).Append('\n');
        if (config.Output is not null) sb.Append("output: ").Append(Q(config.Output)).Append('\n');
        if (config.Scratch is not null) sb.Append("scratch: ").Append(Q(config.Scratch)).Append('\n');
        sb.Append("budget:\n");
        if (config.Budget.Evaluations is long n) sb.Append("  evaluations: ").Append(N(n)).Append('\n');
        if (config.Budget.WallTime is TimeSpan wall) sb.Append("  wall_time: ").Append(N(wall.TotalSeconds)).Append("s\n");
        if (config.Budget.Patience is { } patience)
            sb.Append("  patience: {generations: ").Append(N(patience.Generations)).Append(", min_delta: ").Append(N(patience.MinDelta)).Append("}\n");
        AppendExecution(sb, config.Execution);
        sb.Append(SearchRelevantYaml(config));
        return sb.ToString();
    }

    /// <summary>The farm settings (outside the resume hash: a resume may use another farm).</summary>
    static void AppendExecution(StringBuilder sb, ExecutionSpec e)
    {
        if (!e.UsesFarm) return;
        sb.Append("execution:\n  workers: ").Append(N(e.Workers)).Append('\n');
        if (e.Devices.Count > 0) sb.Append("  devices: [").Append(string.Join(", ", e.Devices.Select(Q))).Append("]\n");
        else sb.Append("  slots: ").Append(N(e.Slots)).Append('\n');
        sb.Append("  retries: ").Append(N(e.Retries)).Append('\n');
        sb.Append("  heartbeat_timeout: ").Append(N(e.HeartbeatTimeout.TotalSeconds)).Append("s\n");
        if (e.Cluster is not { } c) return;
        sb.Append("  cluster:\n");
        if (c.Connection is not null) sb.Append("    connection: ").Append(Q(c.Connection)).Append('\n');
        sb.Append("    address: ").Append(Q(c.Address)).Append('\n');
        sb.Append("    silo_port: ").Append(N(c.SiloPort)).Append('\n');
        sb.Append("    gateway_port: ").Append(N(c.GatewayPort)).Append('\n');
        if (c.KeyFile is not null) sb.Append("    key_file: ").Append(Q(c.KeyFile)).Append('\n');
    }

    /// <summary>The part of the YAML that defines the experiment; its hash must match on resume.</summary>
    public static string SearchRelevantYaml(SearchConfig config)
    {
        var sb = new StringBuilder();
        sb.Append("seed: ").Append(N(config.Seed)).Append('\n');
        sb.Append("models:\n");
        if (config.Models.Base is { } b) sb.Append("  base: {name: ").Append(Q(b.Name)).Append(", path: ").Append(Q(b.Path)).Append("}\n");
        sb.Append("  experts:\n");
        foreach (var e in config.Models.Experts) sb.Append("    - {name: ").Append(Q(e.Name)).Append(", path: ").Append(Q(e.Path)).Append("}\n");

        var kind = GenomeKindRegistry.Get(config.Genome.Kind);
        if (kind.Capabilities.MergesParameters)
        {
            // A method list only when given, so configs with one method keep their hash.
            sb.Append("merge:\n  method: ").Append(config.Merge.MethodChoices is { } choices ? $"[{string.Join(", ", choices)}]" : config.Merge.Method).Append('\n');
            if (config.Merge.DType is { } dt) sb.Append("  dtype: ").Append(dt).Append('\n');
            if (config.Merge.OutDType is { } odt) sb.Append("  out_dtype: ").Append(odt).Append('\n');
            if (config.Merge.Parameters.Count > 0 || config.Merge.FisherData is not null)
            {
                sb.Append("  parameters:\n");
                foreach (var (k, v) in config.Merge.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
                    sb.Append("    ").Append(k).Append(": ").Append(N(v)).Append('\n');
                AppendFisher(sb, config.Merge.FisherData);
            }

        }

        sb.Append("genome:\n  kind: ").Append(kind.Name).Append('\n');
        foreach (var line in kind.Write(config.Genome)) sb.Append("  ").Append(line).Append('\n');
        AppendRest(sb, config);
        return sb.ToString();
    }

    /// <summary>The Fisher task data (only where given, so other configs keep their hash).</summary>
    static void AppendFisher(StringBuilder sb, Merging.Config.FisherDataSetting? fisher)
    {
        if (fisher is null) return;
        if (fisher.Data is not null) sb.Append("    fisher_data: ").Append(Q(fisher.Data)).Append('\n');
        if (fisher.Examples is int n) sb.Append("    fisher_examples: ").Append(N(n)).Append('\n');
        if (fisher.Kind is not null) sb.Append("    fisher_kind: ").Append(Q(fisher.Kind)).Append('\n');
        if (fisher.Template is not null) sb.Append("    fisher_template: ").Append(Q(fisher.Template)).Append('\n');
    }

    static void AppendRest(StringBuilder sb, SearchConfig config)
    {
        var o = config.Optimizer;
        sb.Append("optimizer:\n  name: ").Append(o.Name).Append('\n');
        foreach (var (key, value) in OptimizerRegistry.Get(o.Name).Write(o)) sb.Append("  ").Append(key).Append(": ").Append(value).Append('\n');
        // Written only when set, so the hash of a config without fitness options is what it always was.
        if (!config.Fitness.IsDefault)
        {
            sb.Append("fitness:\n  cache: ").Append(B(config.Fitness.Cache)).Append('\n');
            if (config.Fitness.Examples is int examples) sb.Append("  examples: ").Append(N(examples)).Append('\n');
            if (config.Fitness.Racing is { } r)
            {
                sb.Append("  racing:\n    start: ").Append(N(r.Start)).Append("\n    growth: ").Append(N(r.Growth))
                  .Append("\n    confidence: ").Append(N(r.Confidence)).Append('\n');
                if (r.RankDepth is int depth) sb.Append("    rank_depth: ").Append(N(depth)).Append('\n');
            }
            if (config.Fitness.Irt is { } irt)
                sb.Append("  estimator: ").Append(IrtSpec.EstimatorName).Append("\n  anchors: ").Append(N(irt.Anchors))
                  .Append("\n  calibration: ").Append(N(irt.Calibration))
                  .Append("\n  anchor_estimate: ").Append(IrtSpec.NameOf(irt.Estimate)).Append('\n');
            // Written only when on, so the hash of an irt config without it is what it was.
            if (config.Fitness.Irt?.Recalibrate is { } recalibrate)
                sb.Append("  recalibrate:\n    every_generations: ").Append(N(recalibrate.EveryGenerations))
                  .Append("\n    count: ").Append(N(recalibrate.Count)).Append('\n');
            if (config.Fitness.RescoreTop is int top) sb.Append("  rescore_top: ").Append(N(top)).Append('\n');
        }

        sb.Append("tasks:\n");
        foreach (var t in config.Tasks) AppendTask(sb, t);
    }

    /// <summary>A task's common fields and its kind's own, in the order config hashes were first computed in.</summary>
    static void AppendTask(StringBuilder sb, TaskSpec t)
    {
        var own = t.Kind.Write(t.Settings);
        sb.Append("  - name: ").Append(Q(t.Name)).Append('\n');
        sb.Append("    evaluator: ").Append(t.Kind.Name).Append('\n');
        if (t.Data is not null) sb.Append("    data: ").Append(Q(t.Data)).Append('\n');
        if (t.TestData is not null) sb.Append("    test_data: ").Append(Q(t.TestData)).Append('\n');
        sb.Append("    label: ").Append(Q(t.Label)).Append('\n');
        sb.Append("    metric: ").Append(Q(t.Metric)).Append('\n');
        sb.Append("    objective: ").Append(t.Role == TaskRole.Objective ? "own" : "weighted").Append('\n');
        if (t.Role == TaskRole.WeightedSum) sb.Append("    weight: ").Append(N(t.Weight)).Append('\n');
        foreach (var field in own.Where(x => !x.AfterMetrics)) sb.Append("    ").Append(field.Key).Append(": ").Append(field.Yaml).Append('\n');
        if (t.Metrics is not null) sb.Append("    metrics: ").Append(YamlText.QuotedList(t.Metrics)).Append('\n');
        foreach (var field in own.Where(x => x.AfterMetrics)) sb.Append("    ").Append(field.Key).Append(": ").Append(field.Yaml).Append('\n');
    }

    /// <summary>SHA-256 (hex) of <see cref="SearchRelevantYaml"/>.</summary>
    public static string SearchHash(SearchConfig config) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SearchRelevantYaml(config))));

    static string N(double v) => YamlText.Number(v);
    static string N(long v) => YamlText.Number(v);
    static string N(ulong v) => YamlText.Number(v);
    static string B(bool v) => YamlText.Bool(v);
    static string Q(string s) => YamlText.Quote(s);
}
