namespace EvoMerge.Search.DataFlow;

/// <summary>Stored layer <see cref="Index"/> of an export (model.layers.Index) is layer <see cref="Layer"/> of source <see cref="Source"/>.</summary>
public sealed record StoredLayer(int Index, int Source, string SourceName, int Layer);
