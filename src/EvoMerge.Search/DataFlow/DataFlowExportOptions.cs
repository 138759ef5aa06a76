namespace EvoMerge.Search.DataFlow;

/// <summary>How <see cref="DataFlowExport"/> writes its folder.</summary>
public sealed record DataFlowExportOptions
{
    /// <summary>Replace a non-empty output folder (otherwise refused).</summary>
    public bool Overwrite { get; init; }

    /// <summary>Where tokenizer files are copied from; null means the head model's folder, if it has one.</summary>
    public string? TokenizerFolder { get; init; }
}
