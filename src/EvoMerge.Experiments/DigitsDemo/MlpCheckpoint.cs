using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Models.Mlp;

namespace EvoMerge.Experiments.DigitsDemo;

/// <summary>
/// A flat MLP parameter vector as a checkpoint folder: <c>model.safetensors</c> (F32 tensors <c>layers.{i}.weight</c>
/// [in, out] and <c>layers.{i}.bias</c>) and <c>architecture.json</c>.
/// </summary>
public static class MlpCheckpoint
{
    public static void Write(string folder, MlpArchitecture architecture, ReadOnlySpan<double> parameters)
    {
        if (parameters.Length != architecture.ParameterCount)
            throw new ArgumentException($"Got {parameters.Length} parameters, the architecture has {architecture.ParameterCount}.");
        var tensors = new List<KeyValuePair<string, MergedTensor>>();
        foreach (var slot in architecture.Layout)
        {
            var values = new float[slot.Length];
            for (int i = 0; i < values.Length; i++) values[i] = (float)parameters[(int)slot.Offset + i];
            tensors.Add(new(slot.Name, MergedTensor.FromFloat32(values, slot.Shape)));
        }
        new MergedModel(tensors).WriteSafeTensors(folder);
        architecture.Save(Path.Combine(folder, MlpArchitecture.FileName));
    }

    /// <summary>Reads a folder written by <see cref="Write"/> back into a flat vector.</summary>
    public static (MlpArchitecture Architecture, double[] Parameters) Read(string folder)
    {
        var architecture = MlpArchitecture.Load(Path.Combine(folder, MlpArchitecture.FileName));
        using var model = MergedModel.ReadSafeTensors(folder);
        var parameters = new double[architecture.ParameterCount];
        foreach (var slot in architecture.Layout)
        {
            if (!model.Tensors.TryGetValue(slot.Name, out var tensor) || tensor.ElementCount != slot.Length)
                throw new InvalidDataException($"{folder}: tensor '{slot.Name}' is missing or has the wrong size.");
            var values = tensor.Float32Values;
            for (int i = 0; i < values.Length; i++) parameters[slot.Offset + i] = values[i];
        }
        return (architecture, parameters);
    }
}
