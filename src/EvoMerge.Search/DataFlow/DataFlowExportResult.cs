using EvoMerge.Models.Llama;

namespace EvoMerge.Search.DataFlow;

/// <summary>
/// What <see cref="DataFlowExport.Write(string, DataFlowSources, LayerPath, DataFlowExportOptions?)"/> wrote:
/// the folder, the stored layers, the path over them and whether a passthrough config was written.
/// </summary>
public sealed record DataFlowExportResult(
    string Folder,
    IReadOnlyList<StoredLayer> StoredLayers,
    LayerPath StoredPath,
    PassthroughRecipe Passthrough);
