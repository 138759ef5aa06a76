namespace EvoMerge.Search.DataFlow;

/// <summary>The config.json fields a data-flow export adds to the head model's config.</summary>
public static class DataFlowConfigKeys
{
    /// <summary>The path as hops into the stored layers (model.layers.k), as EvoLLM-JP-v1-10B records it.</summary>
    public const string InputLayers = "input_layers";

    /// <summary>Per hop, the factor the hidden state is multiplied by before the hop's layer (the first is 1).</summary>
    public const string InputScales = "input_scales";

    /// <summary>Provenance: sources, head model, which source layer each stored layer is, and the passthrough status.</summary>
    public const string Provenance = "evomerge_data_flow";
}
