using System.Collections.ObjectModel;
using EvoMerge.SafeTensors.Errors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.SafeTensors.Reading;

/// <summary>Checks that the tensors tile the data buffer exactly: no gap, no overlap, nothing missing or left over.</summary>
internal static class TensorLayoutValidator
{
    /// <summary>Returns the tensors keyed by name, ordered by data offset.</summary>
    public static IReadOnlyDictionary<string, TensorInfo> Validate(
        string path, IReadOnlyList<TensorInfo> entries, long bufferLength)
    {
        // Stable sort: empty tensors sharing an offset keep header order.
        var byOffset = entries.OrderBy(t => t.DataBegin).ThenBy(t => t.DataEnd).ToList();
        long expectedBegin = 0;
        TensorInfo? previous = null;
        foreach (var tensor in byOffset)
        {
            if (tensor.DataBegin > expectedBegin)
            {
                throw new SafeTensorsFormatException(path, FormatRules.OffsetGap,
                    $"bytes [{expectedBegin}, {tensor.DataBegin}) of the data buffer belong to no tensor " +
                    $"(before tensor '{tensor.Name}'{After(previous)}).");
            }

            if (tensor.DataBegin < expectedBegin)
            {
                throw new SafeTensorsFormatException(path, FormatRules.OffsetOverlap,
                    $"tensor '{tensor.Name}' [{tensor.DataBegin}, {tensor.DataEnd}) overlaps " +
                    $"tensor '{previous!.Name}' [{previous.DataBegin}, {previous.DataEnd}).");
            }

            expectedBegin = tensor.DataEnd;
            previous = tensor;
        }

        if (expectedBegin != bufferLength)
        {
            var details = expectedBegin > bufferLength
                ? $"the tensors need a {expectedBegin}-byte data buffer but the file holds only {bufferLength} bytes after the header."
                : $"the file holds {bufferLength} bytes after the header but the tensors cover only {expectedBegin}.";
            var hint = expectedBegin > bufferLength
                ? "The file looks truncated (an interrupted download or copy?): fetch it again."
                : "The file has trailing bytes no tensor describes: it is corrupt or was written by a faulty tool.";
            throw new SafeTensorsFormatException(path, FormatRules.BufferLengthMismatch, details, hint);
        }

        var tensors = new OrderedDictionary<string, TensorInfo>(byOffset.Count, StringComparer.Ordinal);
        foreach (var tensor in byOffset)
        {
            tensors.Add(tensor.Name, tensor);
        }

        return new ReadOnlyDictionary<string, TensorInfo>(tensors);
    }

    private static string After(TensorInfo? previous) =>
        previous is null ? ", at the start of the buffer" : $", after tensor '{previous.Name}'";
}
