using System.Text.Json.Nodes;

namespace EvoMerge.Cli.Tests;

/// <summary>The command line's runtime settings, which its search and worker processes start with.</summary>
public sealed class RuntimeConfigTests
{
    /// <summary>
    /// Tiered JIT's background recompilation took as much CPU as the trials of a farm run with sub-millisecond
    /// evaluations (the classifier farm benchmark: 8.4 ms of CPU per trial with it, 2.9 ms without).
    /// </summary>
    [Fact]
    public void The_command_line_compiles_each_method_once_optimized()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "evomerge.runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} is missing");
        var options = JsonNode.Parse(File.ReadAllText(path))!["runtimeOptions"]?["configProperties"];
        Assert.False(options?["System.Runtime.TieredCompilation"]?.GetValue<bool>() ?? true);
    }
}
