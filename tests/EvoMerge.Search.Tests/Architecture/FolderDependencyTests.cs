using System.Text.RegularExpressions;

namespace EvoMerge.Search.Tests.Architecture;

/// <summary>The layering of src/EvoMerge.Search: folders depend on each other without cycles, and the run loop sees interfaces only.</summary>
public sealed class FolderDependencyTests
{
    [Fact]
    public void The_folders_of_the_search_project_depend_on_each_other_without_cycles()
    {
        var folders = SourceTree.Folders();
        var graph = folders.ToDictionary(
            f => f.Key,
            f => f.Value.SelectMany(file => SourceTree.UsedFolders(file, folders.Keys.ToList())).Where(used => used != f.Key && folders.ContainsKey(used)).ToHashSet());

        var cycle = FindCycle(graph);

        Assert.True(cycle is null, $"folder cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void The_cycle_finder_reports_a_cycle()
    {
        var graph = new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };

        Assert.Equal(["A", "B", "C", "A"], FindCycle(graph));
        Assert.Null(FindCycle(new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = [], ["C"] = ["A", "B"] }));
    }

    [Fact]
    public void The_run_loop_names_no_optimizer_evaluator_or_genome_kind()
    {
        var named = new Regex("m2n2|cmaes|nsga|classifier|onnx|language|ParameterSpace|DataFlow", RegexOptions.IgnoreCase);
        var running = SourceTree.Folders()["Running"];

        var hits = running.SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(h => named.IsMatch(h.line))
            .Select(h => $"{Path.GetFileName(h.file)}:{h.i + 1}: {h.line.Trim()}")
            .ToList();

        Assert.True(hits.Count == 0, string.Join("\n", hits));
    }

    [Fact]
    public void No_code_tests_for_a_concrete_search_space_or_names_an_evaluator_kind_enum()
    {
        var concrete = new Regex(@"\b(is|as)\s+(ParameterSpaceSearch|DataFlowSearch)\b|EvaluatorKind|GenomeKind\.");
        var checkedFolders = SourceTree.Folders().Where(f => f.Key is not ("Config" or "Spaces")).SelectMany(f => f.Value);

        var hits = checkedFolders.SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(h => concrete.IsMatch(h.line))
            .Select(h => $"{Path.GetFileName(h.file)}:{h.i + 1}: {h.line.Trim()}")
            .ToList();

        Assert.True(hits.Count == 0, string.Join("\n", hits));
    }

    /// <summary>A cycle as the path of folders that closes it, or null; depth-first from each folder in name order.</summary>
    static List<string>? FindCycle(IReadOnlyDictionary<string, HashSet<string>> graph)
    {
        var done = new HashSet<string>();
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            int at = path.IndexOf(node);
            if (at >= 0) return [.. path.Skip(at), node];
            if (!done.Add(node)) return null;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node, []).Order(StringComparer.Ordinal))
                if (Visit(next) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            return null;
        }
        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
            if (Visit(node) is { } cycle) return cycle;
        return null;
    }
}
