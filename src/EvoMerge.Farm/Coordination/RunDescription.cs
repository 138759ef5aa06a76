using System.Text.Json.Nodes;

namespace EvoMerge.Farm.Coordination;

/// <summary>
/// What a worker needs to know about the run to evaluate its trials: the run's id, its config (the YAML text
/// and the folder relative paths in it resolve against), the identity of its input files, and whether its
/// slots pipeline (build the next candidate while the current one is scored; on unless switched off).
/// </summary>
public sealed record RunDescription(string RunId, string ConfigYaml, string ConfigDirectory, JsonNode Inputs)
{
    public bool Pipeline { get; init; } = true;
}
