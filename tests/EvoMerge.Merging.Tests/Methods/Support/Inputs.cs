using EvoMerge.Merging.Methods;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Support;

/// <summary>Builds MergeInputs the way the executor does (globals completed with the method's defaults).</summary>
internal static class Inputs
{
    public static Dictionary<string, double> P(params (string Name, double Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    public static MethodInputModel Model(string name, Tensor tensor, params (string Name, double Value)[] parameters) =>
        new(name, false, tensor, P(parameters));

    public static MethodInputModel BaseListed(string name, Tensor tensor, params (string Name, double Value)[] parameters) =>
        new(name, true, tensor, P(parameters));

    public static MergeInputs For(IMergeMethod method, IReadOnlyList<MethodInputModel> models, Tensor? baseTensor = null,
        Dictionary<string, double>? globals = null, Generator? generator = null, string tensorName = "model.layers.0.mlp.up_proj.weight")
    {
        var resolved = new Dictionary<string, double>(globals ?? new());
        foreach (var spec in method.GlobalParameters)
            if (!resolved.ContainsKey(spec.Name) && spec.Default is double d) resolved[spec.Name] = d;
        return new MergeInputs
        {
            TensorName = tensorName,
            Models = models,
            Base = baseTensor,
            GlobalParameters = resolved,
            Generator = generator,
        };
    }

    public static Tensor T(params float[] values) => tensor(values);

    public static float[] Values(Tensor t) => t.to(ScalarType.Float32).contiguous().data<float>().ToArray();
}
