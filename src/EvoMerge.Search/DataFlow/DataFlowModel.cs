using System.Text.Json;
using EvoMerge.Models.Llama;
using static TorchSharp.torch;

namespace EvoMerge.Search.DataFlow;

/// <summary>
/// A model folder written by <see cref="DataFlowExport"/>, run along its recorded path: the stored
/// layers are loaded once as a <see cref="LlamaModel"/>, and <c>input_layers</c> / <c>input_scales</c>
/// from config.json drive a <see cref="LayerPathModel"/> over them. A folder without those fields
/// (any plain Hugging Face model) runs its layers in order. Owns the loaded weights; dispose it.
/// </summary>
public sealed class DataFlowModel : ICausalLm, IDisposable
{
    readonly LayerPathModel _view;

    DataFlowModel(LlamaModel stored, LayerPath path)
    {
        Stored = stored;
        _view = LayerPathModel.FromModels(stored, [stored], path);
    }

    /// <summary>The stored layers with the head model's embeddings, final norm and head.</summary>
    public LlamaModel Stored { get; }

    /// <summary>The path as hops into the stored layers.</summary>
    public LayerPath Path => _view.Path;

    public LlamaConfig Config => _view.Config;
    public ScalarType DType => _view.DType;
    public Device Device => _view.Device;

    public static DataFlowModel Load(string folder, LlamaLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var path = ReadPath(folder);
        var stored = LlamaModel.Load(folder, options);
        try
        {
            var layerPath = path ?? LayerPath.Identity(stored.Layers.Count);
            int outside = Array.FindIndex(layerPath.Layers, l => l >= stored.Layers.Count);
            if (outside >= 0)
                throw new ArgumentException(
                    $"{folder}: {DataFlowConfigKeys.InputLayers}[{outside}] = {layerPath.Layers[outside]}, but the folder stores {stored.Layers.Count} layers.");
            return new DataFlowModel(stored, layerPath);
        }
        catch
        {
            stored.Dispose();
            throw;
        }
    }

    public Tensor Forward(Tensor inputIds, Tensor? attentionMask = null) => _view.Forward(inputIds, attentionMask);

    public IReadOnlyList<GeneratedSequence> GenerateGreedy(Tensor inputIds, Tensor? attentionMask, GenerationOptions options) =>
        _view.GenerateGreedy(inputIds, attentionMask, options);

    public void Dispose() => Stored.Dispose();

    /// <summary>The recorded path, or null when config.json records none.</summary>
    static LayerPath? ReadPath(string folder)
    {
        string file = System.IO.Path.Combine(folder, LlamaConfigReader.FileName);
        if (!File.Exists(file))
            throw new FileNotFoundException($"{folder}: no {LlamaConfigReader.FileName} in the model folder.", file);
        using var document = Parse(file);
        var root = document.RootElement;
        bool hasLayers = root.TryGetProperty(DataFlowConfigKeys.InputLayers, out var layers) && layers.ValueKind != JsonValueKind.Null;
        bool hasScales = root.TryGetProperty(DataFlowConfigKeys.InputScales, out var scales) && scales.ValueKind != JsonValueKind.Null;
        if (!hasLayers && !hasScales)
            return null;
        if (!hasLayers || !hasScales)
            throw new ArgumentException($"{file}: {DataFlowConfigKeys.InputLayers} and {DataFlowConfigKeys.InputScales} must be given together.");
        try
        {
            return new LayerPath(
                Elements(layers, DataFlowConfigKeys.InputLayers).Select(e => e.GetInt32()).ToArray(),
                Elements(scales, DataFlowConfigKeys.InputScales).Select(e => (float)e.GetDouble()).ToArray());
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            throw new ArgumentException($"{file}: {DataFlowConfigKeys.InputLayers} / {DataFlowConfigKeys.InputScales}: {e.Message}", e);
        }
    }

    static JsonDocument Parse(string file)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(file));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{file} is not valid JSON: {e.Message}", e);
        }
    }

    static IEnumerable<JsonElement> Elements(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.Array
            ? element.EnumerateArray().ToList()
            : throw new FormatException($"{field} must be an array, got {element.GetRawText()}.");
}
