using EvoMerge.Merging.Planning;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Merging.Execution.Fused;

/// <summary>
/// Streams a fused pass chunk by chunk through two cache-sized buffers used in turn: while the sink takes one
/// chunk (for a merge, a write that copies it into the page cache on one core, as long as the kernel itself),
/// the cores compute the next into the other. Each block is checked for non-finite inputs just before the
/// kernel reads it, on the same core, so every input comes from memory once.
/// </summary>
internal sealed class ChunkPipeline
{
    /// <summary>
    /// Float32 elements per chunk: a multiple of the parallel block, small enough to stay in the cache
    /// (twice as many bfloat16 ones: still a multiple of the block, so blocks keep their absolute boundaries).
    /// </summary>
    const long ChunkElements = 4 * FusedKernels.BlockElements;

    readonly byte[][] _buffers =
    [
        GC.AllocateUninitializedArray<byte>((int)(ChunkElements * sizeof(float)), pinned: true),
        GC.AllocateUninitializedArray<byte>((int)(ChunkElements * sizeof(float)), pinned: true),
    ];

    /// <summary>
    /// Runs <paramref name="pass"/> over the whole tensor and hands <paramref name="sink"/> each chunk in order,
    /// one call at a time (from a pool thread). Returns once the sink has taken the last chunk; an exception from
    /// the sink or <paramref name="onNonFiniteInput"/> ends the stream after the sink call in flight, if any, returns.
    /// </summary>
    /// <param name="inputs">The pass's inputs in plan order (the ones checked for NaN and infinity).</param>
    public unsafe void Stream(PlannedTensor planned, IFusedPass pass, IntPtr[] inputs, SafeTensorDType dtype,
        NonFiniteInputHandler? onNonFiniteInput, TensorPartSink sink, CancellationToken cancel)
    {
        int size = SafeTensorDTypes.SizeOf(dtype);
        long elements = planned.ElementCount;
        // Chunks of the same bytes whatever the dtype: bfloat16 takes twice the entries per chunk, so the fixed
        // cost of a chunk (a parallel loop, the sink's write) is not paid twice as often per byte.
        long chunkElements = _buffers[0].Length / size;
        var reported = onNonFiniteInput == null ? null : new bool[inputs.Length];
        Task inFlight = Task.CompletedTask;
        try
        {
            for (long start = 0, chunk = 0; start < elements; start += chunkElements, chunk++)
            {
                cancel.ThrowIfCancellationRequested();
                long count = Math.Min(chunkElements, elements - start);
                byte[] buffer = _buffers[chunk % 2];
                long[] firstNonFinite = Compute(pass, inputs, dtype, start, count, buffer, reported);
                // The sink is done with the other buffer, and every earlier chunk has been taken.
                inFlight.GetAwaiter().GetResult();
                for (int k = 0; reported != null && k < inputs.Length; k++)
                    if (firstNonFinite[k] >= 0)
                    {
                        reported[k] = true;
                        onNonFiniteInput!(planned.Inputs[k], firstNonFinite[k]);
                    }
                long offset = start * size;
                int length = (int)(count * size);
                inFlight = Task.Run(() => sink(planned, offset, new ReadOnlySpan<byte>(buffer, 0, length)), CancellationToken.None);
            }
            inFlight.GetAwaiter().GetResult();
        }
        finally
        {
            // After an error elsewhere: never leave the sink running past this call (its own error is then secondary).
            if (!inFlight.IsCompleted) ((IAsyncResult)inFlight).AsyncWaitHandle.WaitOne();
            _ = inFlight.Exception;
        }
    }

    /// <summary>One chunk into <paramref name="buffer"/> on all cores; per input, the index of its first non-finite entry in the chunk (or -1).</summary>
    static unsafe long[] Compute(IFusedPass pass, IntPtr[] inputs, SafeTensorDType dtype, long start, long count, byte[] buffer, bool[]? reported)
    {
        int size = pass.ElementSize;
        long blocks = FusedKernels.BlockCount(count);
        var found = new long[inputs.Length * blocks];
        Array.Fill(found, -1L);
        fixed (byte* pinned = buffer)
        {
            IntPtr target = (IntPtr)pinned;
            FusedKernels.ForBlocks(count, (block, from, to) =>
            {
                for (int k = 0; reported != null && k < inputs.Length; k++)
                {
                    if (reported[k]) continue;
                    long bad = NonFinite.IndexOf((byte*)inputs[k] + (start + from) * size, (to - from) * size, dtype);
                    if (bad >= 0) found[k * blocks + block] = start + from + bad;
                }
                pass.RunRange(start + from, start + to, (byte*)target + from * size);
            });
        }
        // Blocks are in index order: the first block with a hit holds the input's first non-finite entry.
        var first = new long[inputs.Length];
        for (int k = 0; k < inputs.Length; k++)
            first[k] = Enumerable.Range(0, (int)blocks).Select(b => found[k * blocks + b]).FirstOrDefault(v => v >= 0, -1L);
        return first;
    }
}
