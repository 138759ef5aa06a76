using EvoMerge.Search.Config;
using TorchSharp;

namespace EvoMerge.Search.Spaces;

/// <summary>
/// Everything the search knows about one genome (search-space) kind, <c>genome.kind</c>: its name, the
/// <c>genome:</c> fields it reads (with field paths, validated) and writes back canonically, its checks
/// against the models and tasks, its capabilities, and how to build its search space. Registered in
/// <see cref="GenomeKindRegistry"/>.
/// </summary>
public abstract class GenomeKind
{
    public abstract string Name { get; }

    public abstract GenomeKindCapabilities Capabilities { get; }

    /// <summary>The <c>genome:</c> fields this kind takes besides <c>kind</c>, in canonical order.</summary>
    public abstract IReadOnlyList<string> Fields { get; }

    /// <summary>Reads and checks this kind's fields; null when the genome cannot be built (problems are reported).</summary>
    internal abstract GenomeSpec? Read(GenomeReading reading);

    /// <summary>
    /// The genome's fields with every default filled in, as YAML lines under <c>genome:</c> after <c>kind</c>
    /// (a nested mapping's lines are indented by two more spaces). Part of the resume hash.
    /// </summary>
    public abstract IReadOnlyList<string> Write(GenomeSpec genome);

    /// <summary>Problems of this genome with the config's models, merge and tasks, found before weights are read.</summary>
    internal abstract void Check(GenomeChecking checking);

    /// <summary>Builds the search space of <paramref name="config"/> (reads headers or loads the models).</summary>
    public abstract ISearchSpace Create(SearchConfig config, torch.Device device);
}
