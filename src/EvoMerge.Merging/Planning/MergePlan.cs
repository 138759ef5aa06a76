using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Merging.Planning;

/// <summary>One input of one output tensor: which model, which of its tensors, resolved parameters.</summary>
public sealed record PlannedInput(string Model, string TensorName, bool IsBase, IReadOnlyDictionary<string, double> Parameters);

/// <summary>
/// One output tensor: its inputs, resolved global parameters, the dtype to compute in and the one
/// to write. <see cref="CropRows"/> is set when embedding-like inputs differ in their first
/// dimension (vocabulary size): all inputs are cut to the common rows.
/// </summary>
public sealed record PlannedTensor(
    string OutputName,
    IReadOnlyList<PlannedInput> Inputs,
    IReadOnlyDictionary<string, double> GlobalParameters,
    long[] Shape,
    SafeTensorDType ComputeDType,
    SafeTensorDType OutputDType,
    long? CropRows)
{
    /// <summary>Non-floating tensors (integer buffers) are copied from one input instead of merged.</summary>
    public bool CopyOnly { get; init; }

    /// <summary>Relative depth t in [0, 1] at which gradients were evaluated (0 outside the layers); handed to the method.</summary>
    public double LayerPosition { get; init; }

    /// <summary>The method of the tensor's slice; null means the plan's <see cref="MergePlan.Method"/>.</summary>
    public Methods.IMergeMethod? Method { get; init; }

    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
    public long OutputBytes => ElementCount * SafeTensorDTypes.SizeOf(OutputDType);
}

/// <summary>A validated merge, ready to execute: every output tensor in write order. <see cref="Method"/> is the config's <c>merge_method</c>.</summary>
public sealed record MergePlan(
    Config.MergeConfig Config,
    Methods.IMergeMethod Method,
    IReadOnlyDictionary<string, ModelCheckpoint> Models,
    IReadOnlyList<PlannedTensor> Tensors,
    int OutputLayerCount,
    long RandomSeed,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Each model's Fisher checkpoint folder, for methods weighted by Fisher information (empty otherwise).</summary>
    public IReadOnlyDictionary<string, string> FisherFolders { get; init; } = new Dictionary<string, string>();

    /// <summary>Bytes the merge reads (every input once) plus writes: the ideal memory traffic.</summary>
    /// <summary>The method that merges <paramref name="tensor"/>: its slice's, which may differ from the config's.</summary>
    public Methods.IMergeMethod MethodOf(PlannedTensor tensor) => tensor.Method ?? Method;

    /// <summary>Every method the plan merges with, the config's first.</summary>
    public IReadOnlyList<Methods.IMergeMethod> AllMethods => new[] { Method }.Concat(Tensors.Select(MethodOf)).Distinct().ToList();

    public long IdealTrafficBytes =>
        Tensors.Sum(t => t.OutputBytes + t.Inputs.Sum(i => Models[i.Model].Header.Tensors[i.TensorName].ByteLength));
}
