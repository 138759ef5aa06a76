using EvoMerge.Models.Llama;

namespace EvoMerge.Search.DataFlow;

/// <summary>
/// One source of a data-flow merge: a loaded model (from a folder, or built in memory, e.g. a
/// parameter-space merge for PS+DFS), its name for exports, and its folder when it has one on disk
/// (needed to express a path as a mergekit passthrough config). The caller owns and disposes the model.
/// </summary>
public sealed record DataFlowSource
{
    public DataFlowSource(string name, LlamaModel model, string? folder = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(model);
        if (folder is not null && string.IsNullOrWhiteSpace(folder))
            throw new ArgumentException($"Source '{name}': the folder must be null (held in memory) or a path.", nameof(folder));
        Name = name;
        Model = model;
        Folder = folder is null ? null : Path.GetFullPath(folder);
    }

    public string Name { get; }
    public LlamaModel Model { get; }

    /// <summary>The absolute model folder, or null for a model held only in memory.</summary>
    public string? Folder { get; }
}
