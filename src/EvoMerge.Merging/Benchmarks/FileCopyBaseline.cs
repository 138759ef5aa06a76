using System.Diagnostics;
using EvoMerge.Merging.Execution.Fused;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Reading;
using EvoMerge.SafeTensors.Writing;

namespace EvoMerge.Merging.Benchmarks;

/// <summary>
/// The merge benchmark's second yardstick: the bytes a merge moves, through the path a merge moves them, without
/// the arithmetic. Every tensor of every input checkpoint is read from its memory map (mapped in bulk first, as
/// the executor does) and an output of the same size is written 1 MiB at a time through <see cref="CheckpointWriter"/>
/// into a new folder, then committed. <see cref="CopyBaseline"/> copies anonymous memory, which a merge never
/// does: a merge also maps its inputs and fills fresh page-cache pages for its output file.
/// </summary>
internal static unsafe class FileCopyBaseline
{
    const int PartBytes = 1 << 20;
    const int Repeats = 3;

    /// <summary>GB/s (inputs read + output written, per second), best of three; <paramref name="work"/> is scratch space.</summary>
    public static double Measure(string modelsFolder, IReadOnlyList<string> models, string work)
    {
        string output = Path.Combine(work, "copy-out");
        var buffer = GC.AllocateUninitializedArray<byte>(PartBytes, pinned: true);
        double best = double.MaxValue;
        long bytes = 0;
        for (int repeat = 0; repeat < Repeats; repeat++)
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
            var watch = Stopwatch.StartNew();
            bytes = CopyOnce(modelsFolder, models, output, buffer);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        Directory.Delete(output, recursive: true);
        return bytes / best / 1e9;
    }

    static long CopyOnce(string modelsFolder, IReadOnlyList<string> models, string output, byte[] buffer)
    {
        var checkpoints = models.Select(m => SafeTensorsCheckpoint.Open(Path.Combine(modelsFolder, m))).ToList();
        try
        {
            var first = checkpoints[0];
            var specs = first.TensorNames.Select(n => first.GetInfo(n)).Select(i => new TensorSpec(i.Name, i.DType, i.Shape)).ToList();
            long bytes = 0;
            Directory.CreateDirectory(output);
            using var writer = CheckpointWriter.Create(output, specs, CheckpointFiles.DefaultShardSize);
            foreach (var spec in specs)
            {
                long length = first.GetInfo(spec.Name).ByteLength;
                var pointers = checkpoints.Select(c => (IntPtr)c.GetPointer(spec.Name)).ToList();
                foreach (var pointer in pointers) PageFaults.Populate(pointer, length);
                for (long offset = 0; offset < length; offset += PartBytes)
                {
                    int part = (int)Math.Min(PartBytes, length - offset);
                    // Each input's part passes through the buffer; the last one is what gets written.
                    foreach (var pointer in pointers) new ReadOnlySpan<byte>((byte*)pointer + offset, part).CopyTo(buffer);
                    writer.WritePart(spec.Name, offset, buffer.AsSpan(0, part));
                }
                bytes += (pointers.Count + 1) * length;
            }
            writer.Commit();
            return bytes;
        }
        finally
        {
            foreach (var c in checkpoints) c.Dispose();
        }
    }
}
