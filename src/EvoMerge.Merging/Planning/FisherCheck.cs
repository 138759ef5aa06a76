using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Methods.Papers;
using EvoMerge.SafeTensors;

namespace EvoMerge.Merging.Planning;

/// <summary>
/// For methods weighted by Fisher information: every model's Fisher checkpoint exists and holds each
/// tensor the plan reads from that model, with its shape. Checked from headers, before any weight is read.
/// </summary>
internal static class FisherCheck
{
    public static void Check(IMergeMethod method, IReadOnlyList<PlannedTensor> tensors, IReadOnlyDictionary<string, ModelCheckpoint> models,
        MergePlanner.Problems problems)
    {
        if (method is not IUsesFisherInformation) return;
        foreach (var (path, model) in models)
        {
            string folder = FisherFiles.Folder(path);
            CheckpointHeader header;
            try
            {
                header = SafeTensorsCheckpoint.ReadHeaders(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or SafeTensorsFormatException or PickleCheckpointException)
            {
                problems.Add($"{path}: merge_method '{method.Name}' needs the model's diagonal Fisher information in {folder}/ " +
                    $"(a float32 safetensors checkpoint with the model's tensor names and shapes; for a built-in classifier `evomerge fisher MODEL --data FILE` writes it): {e.Message}");
                continue;
            }
            foreach (var input in tensors.SelectMany(t => t.Inputs).Where(i => i.Model == path))
            {
                if (!header.Tensors.TryGetValue(input.TensorName, out var info))
                    problems.Add($"{folder}: the Fisher checkpoint lacks tensor '{input.TensorName}'; recompute it for this model.");
                else if (!info.Shape.SequenceEqual(model.Header.Tensors[input.TensorName].Shape))
                    problems.Add($"{folder}: Fisher tensor '{input.TensorName}' has shape [{string.Join(", ", info.Shape)}], the model's [{string.Join(", ", model.Header.Tensors[input.TensorName].Shape)}].");
            }
        }
    }
}
