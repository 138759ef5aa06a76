using System.Collections;
using System.Reflection;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Optimizers;
using EvoMerge.Search.Spaces;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests.Config;

/// <summary>
/// Every field of every config section changes the resume hash, found by reflection over the records (so a
/// field added later is covered), except the documented resume-mutable ones and fields the config's own
/// choices make unused (another genome kind's, another optimizer's settings, a weight outside the weighted sum).
/// </summary>
public sealed class SearchHashFieldTests : IDisposable
{
    /// <summary>
    /// What a resume may change: where and how long it runs, not what it searches. The name only names the
    /// run's folder (it was never hashed, and hashes of earlier runs must stay valid).
    /// </summary>
    static readonly string[] ResumeMutable = ["Budget", "Device", "Output", "Scratch", "Execution", "Name"];

    static readonly string[] DataFlowFields = ["Repeats", "ScaleBounds", "Head", "MaxPathLength", "IncludeMerge"];

    readonly TinySearchFixture _fixture = new();

    SearchConfig EveryKind()
    {
        File.WriteAllText(_fixture.PathOf("model.onnx"), "not read");
        File.WriteAllText(_fixture.PathOf("lm.jsonl"), "{\"prompt\": \"1+1=\", \"answer\": \"2\"}\n");
        const string tasks =
            "  - {name: o, evaluator: onnx, model: model.onnx, data: fit_a.csv, metrics: [accuracy, neg_log_loss]}\n" +
            "  - {name: c, evaluator: command, command: [sh, x.sh, \"{model}\"], metric: score}\n" +
            "  - {name: l, evaluator: language, data: lm.jsonl, kind: generation, metric: exact_match, stop: [\"\\n\"], dtype: float32}\n";
        return SearchConfigParser.ParseFile(_fixture.Config("cmaes", method: "ties", extraTask: tasks, genomeExtra: "  filters: [fc]\n"), _fixture.Folder);
    }

    [Fact]
    public void Every_field_but_the_resume_mutable_ones_changes_the_hash()
    {
        var config = EveryKind();
        var unchanged = new List<string>();
        var mutable = new List<string>();

        Walk(config, config, "", c => c, (path, changed) =>
        {
            bool resumeMutable = ResumeMutable.Contains(path.Split('.')[0]);
            bool same = SearchConfigWriter.SearchHash(changed) == SearchConfigWriter.SearchHash(config);
            if (resumeMutable && !same) mutable.Add(path);
            if (!resumeMutable && same && !Unused(config, path)) unchanged.Add(path);
        });

        Assert.True(unchanged.Count == 0, "fields that do not change the hash: " + string.Join(", ", unchanged));
        Assert.True(mutable.Count == 0, "resume-mutable fields that change the hash: " + string.Join(", ", mutable));
    }

    [Fact]
    public void Every_data_flow_field_changes_the_hash()
    {
        var parsed = EveryKind();
        var config = parsed with { Genome = parsed.Genome with { Kind = "data_flow", Head = "a", MaxPathLength = 5, IncludeMerge = "/m.yml" } };
        var unchanged = new List<string>();

        foreach (var field in DataFlowFields)
            Walk(config.Genome, config, "Genome", c => c.Genome, (path, changed) =>
            {
                if (path == $"Genome.{field}" && SearchConfigWriter.SearchHash(changed) == SearchConfigWriter.SearchHash(config)) unchanged.Add(path);
            });

        Assert.Empty(unchanged);
    }

    /// <summary>Fields the config's own choices leave unused, so they are rightly outside the hash.</summary>
    static bool Unused(SearchConfig config, string path)
    {
        string[] parts = path.Split('.');
        if (parts[0] == "Genome" && DataFlowFields.Contains(parts[1])) return true;
        if (parts[0] == "Optimizer" && parts[1] != "Name")
            return !OptimizerRegistry.Get(config.Optimizer.Name).Settings.Contains(Snake(parts[1]));
        return false;
    }

    static string Snake(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>
    /// Calls <paramref name="check"/> with a copy of <paramref name="root"/> for each leaf field under <paramref name="node"/>
    /// changed to another valid value; records are walked into, as are the elements of lists of records.
    /// </summary>
    static void Walk(object node, SearchConfig root, string path, Func<SearchConfig, object> locate, Action<string, SearchConfig> check)
    {
        foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null))
        {
            string at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            object? value = property.GetValue(node);
            if (value is TaskKind) continue; // the kind is the evaluator name; its settings are walked below
            if (value is not null && IsRecord(value.GetType()) && value is not GeneRange)
            {
                Walk(value, root, at, c => property.GetValue(locate(c))!, check);
                continue;
            }
            if (value is IEnumerable list and not string && list.Cast<object>().FirstOrDefault() is { } first && IsRecord(first.GetType()))
            {
                int i = 0;
                foreach (var item in list)
                {
                    int index = i++;
                    Walk(item, root, $"{at}[{index}]", c => ((IEnumerable)property.GetValue(locate(c))!).Cast<object>().ElementAt(index), check);
                }
                continue;
            }
            var copy = DeepCopy(root);
            var target = locate(copy);
            property.SetValue(target, Changed(value, property, root));
            check(at, copy);
        }
    }

    static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;

    /// <summary>A copy whose records (and lists of records) are fresh objects, so setting a field changes only the copy.</summary>
    static T DeepCopy<T>(T value) where T : notnull => (T)Copy(value);

    static object Copy(object value)
    {
        if (!IsRecord(value.GetType()) || value is GeneRange) return value;
        var clone = value.GetType().GetMethod("<Clone>$")!.Invoke(value, null)!;
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null))
        {
            object? field = property.GetValue(value);
            if (field is IEnumerable list and not string && list.Cast<object>().FirstOrDefault() is { } first && IsRecord(first.GetType()))
                property.SetValue(clone, ListOf(property.PropertyType, list.Cast<object>().Select(Copy).ToList()));
            else if (field is not null) property.SetValue(clone, Copy(field));
        }
        return clone;
    }

    static object ListOf(Type listType, List<object> items)
    {
        var element = listType.GetGenericArguments()[0];
        var typed = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        foreach (var item in items) typed.Add(item);
        return typed;
    }

    /// <summary>Another valid value of a leaf field.</summary>
    static object? Changed(object? value, PropertyInfo property, SearchConfig root)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (property.DeclaringType == typeof(OptimizerSpec) && property.Name == nameof(OptimizerSpec.Name))
            return OptimizerRegistry.Names.First(n => n != root.Optimizer.Name && !OptimizerRegistry.Get(n).Capabilities.NeedsPerExampleScores);
        if (property.DeclaringType == typeof(GenomeSpec) && property.Name == nameof(GenomeSpec.Kind))
            return GenomeKindRegistry.Names.First(n => n != root.Genome.Kind);
        return value switch
        {
            string s => s + "x",
            int i => i + 1,
            long l => l + 1,
            ulong u => u + 1,
            double d => d + 0.25,
            bool b => !b,
            TimeSpan t => t + TimeSpan.FromSeconds(1),
            GeneRange r => new GeneRange(r.Min - 0.5, r.Max),
            Enum e => Enum.GetValues(type).Cast<object>().First(v => !v.Equals(e)),
            IReadOnlyDictionary<string, GeneRange> bounds => bounds.ToDictionary(p => p.Key, p => new GeneRange(p.Value.Min, p.Value.Max + 1)),
            IReadOnlyDictionary<string, double> parameters => parameters.Append(new("lambda", 0.5)).ToDictionary(p => p.Key, p => p.Value),
            IReadOnlyList<string> { Count: > 1 } items => items.Take(items.Count - 1).ToList(),
            IReadOnlyList<string> items => items.Append("x").ToList(),
            null when type == typeof(string) => "x",
            null when type == typeof(int) => 3,
            null when type == typeof(long) => 3L,
            null when type == typeof(double) => 0.5,
            null when type == typeof(TimeSpan) => TimeSpan.FromMinutes(1),
            null when type == typeof(PatienceSpec) => new PatienceSpec(5, 0.01),
            null when type == typeof(EvoMerge.Fitness.Racing.RacingOptions) => new EvoMerge.Fitness.Racing.RacingOptions(Start: 8),
            null when type == typeof(IrtSpec) => new IrtSpec(10, 8),
            null when type == typeof(EvoMerge.Merging.Config.FisherDataSetting) => new EvoMerge.Merging.Config.FisherDataSetting { Data = "/data/fisher.csv", Examples = 8 },
            null when type == typeof(ClusterSpec) => new ClusterSpec("redis://127.0.0.1:6379", "127.0.0.1", 11111, 30000, null),
            null when type == typeof(IReadOnlyList<string>) => new List<string> { "accuracy" },
            _ => throw new InvalidOperationException($"{property.DeclaringType!.Name}.{property.Name}: no other value for a {type.Name}; teach the test one."),
        };
    }

    public void Dispose() => _fixture.Dispose();
}
