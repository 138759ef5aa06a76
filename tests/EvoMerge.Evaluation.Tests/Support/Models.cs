using EvoMerge.Evaluation.Contracts;

namespace EvoMerge.Evaluation.Tests.Support;

/// <summary>Small edits of merged models for tests.</summary>
internal static class Models
{
    /// <summary>The same tensors with one replaced (or added).</summary>
    public static MergedModel With(this MergedModel model, string name, MergedTensor tensor) =>
        new(model.Tensors.Where(t => t.Key != name).Append(new(name, tensor)));

    public static MergedModel Without(this MergedModel model, string name) =>
        new(model.Tensors.Where(t => t.Key != name));

    /// <summary>A float32 copy of a tensor, transformed element-wise.</summary>
    public static MergedTensor Map(this MergedTensor tensor, Func<float, float> map) =>
        MergedTensor.FromFloat32(tensor.Float32Values.ToArray().Select(map).ToArray(), tensor.ShapeArray());
}
