using EvoMerge.Evaluation.Data;
using Microsoft.ML.OnnxRuntime;

namespace EvoMerge.Evaluation.Onnx;

/// <summary>
/// The task's features cut into [rows, features] ONNX values once, over one pinned array, so a candidate's
/// evaluation only binds its own tensors.
/// </summary>
internal sealed class InputBatches : IDisposable
{
    private readonly List<(OrtValue Value, int FirstRow, int RowCount)> _batches = [];

    public InputBatches(TaskData data, int batchSize)
    {
        // The pinned object heap keeps the array still for the values' lifetime without fragmenting the GC heap.
        var features = GC.AllocateUninitializedArray<float>(data.Features.Length, pinned: true);
        data.Features.CopyTo(features);
        var width = data.FeatureCount;
        try
        {
            for (var first = 0; first < data.RowCount; first += batchSize)
            {
                var rows = Math.Min(batchSize, data.RowCount - first);
                var memory = features.AsMemory(first * width, rows * width);
                _batches.Add((OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, memory, [rows, width]), first, rows));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<(OrtValue Value, int FirstRow, int RowCount)> Batches => _batches;

    public void Dispose()
    {
        foreach (var batch in _batches)
        {
            batch.Value.Dispose();
        }

        _batches.Clear();
    }
}
