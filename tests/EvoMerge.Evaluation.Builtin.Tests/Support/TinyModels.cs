using EvoMerge.Core.Randomness;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Data;
using EvoMerge.Models.Mlp;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Evaluation.Builtin.Tests.Support;

/// <summary>Small architectures, weights and data sets whose outputs can be worked out by hand.</summary>
internal static class TinyModels
{
    /// <summary>2 inputs, 2 hidden ReLU units, 2 classes.</summary>
    public static MlpArchitecture Tiny => new(2, [2], 2);

    /// <summary>
    /// Hidden h = relu(x @ [[1, 0], [0, 1]] + [0, -1]); logits = h @ [[1, 0], [0, 1]] + [0.5, 0]. So logit 0 is
    /// relu(x0) + 0.5 and logit 1 is relu(x1 - 1).
    /// </summary>
    public static MergedModel TinyWeights() => new([
        new("layers.0.weight", MergedTensor.FromFloat32([1, 0, 0, 1], 2, 2)),
        new("layers.0.bias", MergedTensor.FromFloat32([0, -1], 2)),
        new("layers.1.weight", MergedTensor.FromFloat32([1, 0, 0, 1], 2, 2)),
        new("layers.1.bias", MergedTensor.FromFloat32([0.5f, 0], 2)),
    ]);

    /// <summary>
    /// Rows and their logits under <see cref="TinyWeights"/>: (0, 0) -> [0.5, 0] class 0; (0, 3) -> [0.5, 2] class 1;
    /// (2, 2) -> [2.5, 1] class 0; (-1, 1.5) -> [0.5, 0.5] a tie, so class 0.
    /// </summary>
    public static TaskData TinyData(params double[] labels) =>
        new("tiny.csv", ["x0", "x1"], [0, 0, 0, 3, 2, 2, -1, 1.5f], labels);

    public static readonly float[] TinyLogits = [0.5f, 0, 0.5f, 2, 2.5f, 1, 0.5f, 0.5f];

    /// <summary>Seeded weights for <paramref name="architecture"/>, as merged F32 tensors and as the flat vector.</summary>
    public static (MergedModel Model, double[] Flat) RandomWeights(MlpArchitecture architecture, Rng rng, double scale = 0.3)
    {
        var flat = new double[architecture.ParameterCount];
        rng.FillGaussian(flat);
        for (var i = 0; i < flat.Length; i++)
        {
            flat[i] = (float)(flat[i] * scale);
        }

        var tensors = architecture.Layout.Select(slot => new KeyValuePair<string, MergedTensor>(
            slot.Name,
            MergedTensor.FromFloat32(flat.AsSpan((int)slot.Offset, (int)slot.Length).ToArray().Select(v => (float)v).ToArray(), slot.Shape)));
        return (new MergedModel(tensors), flat);
    }

    public static TaskData RandomData(int rows, int features, int classes, Rng rng)
    {
        var values = new float[rows * features];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)rng.NextDouble(0, 16);
        }

        var labels = Enumerable.Range(0, rows).Select(_ => (double)rng.NextInt(classes)).ToArray();
        return new TaskData("random.csv", Enumerable.Range(0, features).Select(f => $"f{f}").ToArray(), values, labels);
    }

    /// <summary>The model with every tensor re-encoded as <paramref name="dtype"/> (BF16 or F16; values rounded).</summary>
    public static MergedModel Encoded(MergedModel model, SafeTensorDType dtype) => new(model.Tensors.Select(t =>
    {
        var values = t.Value.Float32Values;
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            ushort bits = dtype == SafeTensorDType.BF16
                ? (ushort)(BitConverter.SingleToInt32Bits(values[i]) >> 16)
                : BitConverter.HalfToUInt16Bits((Half)values[i]);
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 2), bits);
        }

        return new KeyValuePair<string, MergedTensor>(t.Key, MergedTensor.FromBytes(dtype, t.Value.ShapeArray(), bytes));
    }));

    /// <summary>The model decoded back to F32 from BF16 or F16, computed independently of the evaluator.</summary>
    public static MergedModel Decoded(MergedModel encoded) => new(encoded.Tensors.Select(t =>
    {
        var bytes = t.Value.Bytes;
        var values = new float[bytes.Length / 2];
        for (var i = 0; i < values.Length; i++)
        {
            ushort bits = BitConverter.ToUInt16(bytes[(i * 2)..]);
            values[i] = t.Value.DType == SafeTensorDType.BF16
                ? BitConverter.ToSingle(BitConverter.GetBytes(bits << 16))
                : (float)BitConverter.UInt16BitsToHalf(bits);
        }

        return new KeyValuePair<string, MergedTensor>(t.Key, MergedTensor.FromFloat32(values, t.Value.ShapeArray()));
    }));

    public static MergedModel Without(MergedModel model, string name) => new(model.Tensors.Where(t => t.Key != name));

    public static MergedModel With(MergedModel model, string name, MergedTensor tensor) =>
        new(model.Tensors.Where(t => t.Key != name).Append(new(name, tensor)));
}
