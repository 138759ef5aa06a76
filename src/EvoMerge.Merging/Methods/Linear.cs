using EvoMerge.Merging.Methods.Parameters;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods;

/// <summary>
/// Weighted average of all listed models (the base too, when listed): y = sum(w_i x_i) / sum(w_i),
/// or the plain weighted sum with normalize: false. Products are rounded in the compute dtype before
/// summing, as mergekit's weights * stack does. Where mergekit would divide by a zero weight sum
/// (producing inf/NaN), this throws an error naming the tensor.
/// </summary>
public sealed class Linear : IMergeMethod
{
    readonly ParameterSpec _normalize = StandardParameters.Flag("normalize", true);
    readonly ParameterSpec _weight = StandardParameters.Weight();

    readonly long _chunkElements;

    /// <param name="chunkElements">Elements processed per step (see <see cref="Chunking"/>); tests use small chunks.</param>
    public Linear(long chunkElements = Chunking.DefaultChunkElements)
    {
        _chunkElements = chunkElements > 0 ? chunkElements : throw new ArgumentOutOfRangeException(nameof(chunkElements), chunkElements, "must be positive");
        GlobalParameters = [_normalize];
        ModelParameters = [_weight];
    }

    public string Name => "linear";
    public IReadOnlyList<ParameterSpec> GlobalParameters { get; }
    public IReadOnlyList<ParameterSpec> ModelParameters { get; }
    public BaseModelUse BaseModel => BaseModelUse.NotUsed;
    public int? RequiredModelCount => null;

    public Tensor Merge(MergeInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Models.Count == 0)
            throw new ArgumentException($"tensor '{inputs.TensorName}': linear needs at least one model");
        using var scope = NewDisposeScope();
        var first = inputs.Models[0];
        InputChecks.RequireSameLayout(inputs.TensorName, Name, (first.ModelName, first.Tensor), inputs.Models.Skip(1).Select(m => (m.ModelName, m.Tensor)));
        var dtype = first.Tensor.dtype;
        var weights = inputs.Models
            .Select(m => DtypeScalars.Round(ParameterReader.Number(m.Parameters, _weight, ParameterReader.Where(inputs.TensorName, m.ModelName)), dtype))
            .ToArray();
        bool normalize = ParameterReader.Flag(inputs.GlobalParameters, _normalize, ParameterReader.Where(inputs.TensorName));
        double divisor = DtypeScalars.Sum(weights, dtype);
        if (normalize && divisor == 0)
            throw new ArgumentException($"tensor '{inputs.TensorName}': linear with normalize: true needs weights that do not sum to 0 (got {string.Join(", ", weights)})");

        var flats = inputs.Models.Select(m => m.Tensor.contiguous().view(-1)).ToArray();
        var accumulation = DtypeScalars.AccumulationType(dtype);
        var output = empty_like(flats[0]);
        var chunks = Chunking.Split(output.numel(), 1, _chunkElements);
        using var workspace = ChunkWorkspace.For(chunks, output.device);
        using var held = new HeldScalars();
        foreach (var chunk in chunks)
        {
            using var chunkScope = NewDisposeScope();
            // Each product is rounded to the dtype before it is summed, as in mergekit's weights * stack.
            var sum = workspace.Get("linear/sum", accumulation, chunk.Length);
            for (int i = 0; i < flats.Length; i++)
            {
                var x = flats[i].narrow(0, chunk.Start, chunk.Length);
                if (i == 0 && accumulation == dtype) { sum.copy_(x).mul_(held[weights[0]]); continue; }
                var product = workspace.Get("linear/product", dtype, chunk.Length).copy_(x).mul_(held[weights[i]]);
                if (i == 0) sum.copy_(product); else sum.add_(product, held[1]);
            }
            var rounded = Accumulation.RoundTo(sum, dtype, workspace, "linear/sum");
            if (normalize) rounded.div_(held[divisor]);
            output.narrow(0, chunk.Start, chunk.Length).copy_(rounded);
        }
        return output.view(first.Tensor.shape).MoveToOuterDisposeScope();
    }

    public IReadOnlyList<string> Validate(MergeValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        bool normalize = context.GlobalParameters.GetValueOrDefault(_normalize.Name, 1) == 1;
        var weights = context.Models.Select(m => m.Parameters.TryGetValue(_weight.Name, out var w) ? w : (double?)null).ToArray();
        if (normalize && weights.Length > 0 && weights.All(w => w is not null) && weights.Sum(w => w!.Value) == 0)
            return ["linear with normalize: true needs weights that do not sum to 0"];
        return [];
    }
}
