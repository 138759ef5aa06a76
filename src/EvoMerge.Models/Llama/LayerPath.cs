namespace EvoMerge.Models.Llama;

/// <summary>
/// A data-flow-space path: <see cref="Layers"/> are indices into the layers of all sources laid out in
/// one sequence (source 0's layers first); before hop k the hidden state is multiplied by
/// <see cref="Scales"/>[k]. The first hop's scale must be 1. An empty path goes from the embeddings
/// straight to the final norm and head.
/// </summary>
public sealed record LayerPath
{
    public LayerPath(int[] layers, float[] scales)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(scales);
        if (layers.Length != scales.Length)
            throw new ArgumentException($"A layer path needs one scale per hop: {layers.Length} layers, {scales.Length} scales.");
        for (int hop = 0; hop < layers.Length; hop++)
        {
            if (layers[hop] < 0)
                throw new ArgumentException($"Hop {hop}: layer index {layers[hop]} is negative.");
            if (!float.IsFinite(scales[hop]))
                throw new ArgumentException($"Hop {hop}: scale {scales[hop]} is not finite.");
        }

        if (scales.Length > 0 && scales[0] != 1f)
            throw new ArgumentException($"The first hop's input scale must be 1, got {scales[0]}.");
        Layers = (int[])layers.Clone();
        Scales = (float[])scales.Clone();
    }

    public int[] Layers { get; }
    public float[] Scales { get; }

    public int Count => Layers.Length;

    /// <summary>Layers 0..count-1 in order with scale 1: the plain model when the sources are one model.</summary>
    public static LayerPath Identity(int count) =>
        new(Enumerable.Range(0, count).ToArray(), Enumerable.Repeat(1f, count).ToArray());
}
