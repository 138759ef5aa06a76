using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.Core.IO;

namespace EvoMerge.Models.Mlp;

/// <summary>
/// A fully connected classifier: <c>Inputs -> Hidden[0] -> ... -> Classes</c> with one activation
/// between layers. Its flat parameter vector lists, layer by layer, the weight matrix input-major
/// (<c>y = x @ W + b</c>, W of shape [in, out], row-major) and then the bias — the layout of the
/// M2N2 reference (W1 64x256, b1, W2 256x10, b2). Saved as a small <c>architecture.json</c> beside
/// the weights (format: docs/classifier-format.md). <see cref="WeightLayout"/> says how the weight
/// tensors of a checkpoint are stored: <c>in_out</c> ([in, out], as in the flat vector) or <c>out_in</c>
/// (PyTorch's <c>nn.Linear</c>, [out, in]).
/// </summary>
public sealed record MlpArchitecture(int Inputs, int[] Hidden, int Classes, string Activation = "relu")
{
    public const string FileName = "architecture.json";
    public const string Kind = "mlp_classifier";
    public const string InOut = "in_out";
    public const string OutIn = "out_in";
    static readonly string[] KnownActivations = ["relu", "tanh", "sigmoid", "gelu"];

    /// <summary>The 64-256-10 ReLU network of the M2N2 digits experiment (19,210 parameters).</summary>
    public static MlpArchitecture Digits => new(64, [256], 10);

    /// <summary>How checkpoint weight tensors are stored: <see cref="InOut"/> (default) or <see cref="OutIn"/> (PyTorch).</summary>
    public string WeightLayout { get; init; } = InOut;

    /// <summary>Layer widths from input to output.</summary>
    public IReadOnlyList<int> Widths => [Inputs, .. Hidden, Classes];

    public int LayerCount => Hidden.Length + 1;

    /// <summary>The flat vector split into named tensors (offset, shape), in order.</summary>
    public IReadOnlyList<MlpTensorSlot> Layout
    {
        get
        {
            var slots = new List<MlpTensorSlot>();
            long offset = 0;
            var widths = Widths;
            for (int layer = 0; layer < LayerCount; layer++)
            {
                int fanIn = widths[layer], fanOut = widths[layer + 1];
                slots.Add(new MlpTensorSlot($"layers.{layer}.weight", offset, [fanIn, fanOut]));
                offset += (long)fanIn * fanOut;
                slots.Add(new MlpTensorSlot($"layers.{layer}.bias", offset, [fanOut]));
                offset += fanOut;
            }
            return slots;
        }
    }

    public int ParameterCount
    {
        get
        {
            long count = Layout.Sum(s => s.Length);
            if (count > int.MaxValue) throw new InvalidOperationException($"{count} parameters do not fit one flat vector.");
            return (int)count;
        }
    }

    /// <summary>Where each layer's block (weight then bias) starts: split points on layer boundaries.</summary>
    public int[] LayerStarts => Layout.Where(s => s.Name.EndsWith(".weight", StringComparison.Ordinal)).Select(s => (int)s.Offset).ToArray();

    /// <summary>Throws with a message naming the invalid field.</summary>
    public void Validate()
    {
        if (Inputs < 1) throw new ArgumentException($"An MLP needs at least one input (got {Inputs}).");
        if (Hidden is null) throw new ArgumentException("Hidden layer widths are missing (use an empty list for none).");
        for (int i = 0; i < Hidden.Length; i++)
            if (Hidden[i] < 1) throw new ArgumentException($"Hidden layer {i} needs a positive width (got {Hidden[i]}).");
        if (Classes < 2) throw new ArgumentException($"A classifier needs at least two classes (got {Classes}).");
        if (!KnownActivations.Contains(Activation))
            throw new ArgumentException($"Unknown activation '{Activation}'; known: {string.Join(", ", KnownActivations)}.");
        if (WeightLayout is not (InOut or OutIn))
            throw new ArgumentException($"Unknown weight_layout '{WeightLayout}'; use {InOut} (weights [in, out]) or {OutIn} (PyTorch nn.Linear, [out, in]).");
        _ = ParameterCount;
    }

    public JsonObject ToJson() => new()
    {
        ["kind"] = Kind,
        ["inputs"] = Inputs,
        ["hidden"] = new JsonArray(Hidden.Select(h => (JsonNode?)h).ToArray()),
        ["classes"] = Classes,
        ["activation"] = Activation,
        ["layout"] = "input_major",
        ["weight_layout"] = WeightLayout,
        ["parameters"] = ParameterCount,
    };

    public static MlpArchitecture FromJson(JsonObject json)
    {
        string? kind = json["kind"]?.GetValue<string>();
        if (kind != Kind) throw new FormatException($"Architecture kind '{kind}' is not '{Kind}'.");
        string? layout = json["layout"]?.GetValue<string>();
        if (layout is not null and not "input_major") throw new FormatException($"Unsupported parameter layout '{layout}'.");
        var architecture = new MlpArchitecture(
            json["inputs"]?.GetValue<int>() ?? throw new FormatException("Architecture lacks 'inputs'."),
            json["hidden"]?.AsArray().Select(n => n!.GetValue<int>()).ToArray() ?? throw new FormatException("Architecture lacks 'hidden'."),
            json["classes"]?.GetValue<int>() ?? throw new FormatException("Architecture lacks 'classes'."),
            json["activation"]?.GetValue<string>() ?? "relu")
        {
            WeightLayout = json["weight_layout"]?.GetValue<string>() ?? InOut,
        };
        architecture.Validate();
        if (json["parameters"] is { } declared && declared.GetValue<int>() != architecture.ParameterCount)
            throw new FormatException($"Architecture declares {declared} parameters but its shape gives {architecture.ParameterCount}.");
        return architecture;
    }

    public void Save(string path)
    {
        AtomicFile.WriteAllText(path, ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", fsync: false);
    }

    public static MlpArchitecture Load(string path) =>
        FromJson(JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new FormatException($"{path} is not a JSON object."));

    // Records compare arrays by reference; an architecture is its shape.
    public bool Equals(MlpArchitecture? other) =>
        other is not null && Inputs == other.Inputs && Classes == other.Classes && Activation == other.Activation
        && WeightLayout == other.WeightLayout && Hidden.SequenceEqual(other.Hidden);

    public override int GetHashCode() => HashCode.Combine(Inputs, Classes, Activation, Hidden.Length, Hidden.FirstOrDefault());
}
