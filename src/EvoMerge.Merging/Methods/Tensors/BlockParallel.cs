namespace EvoMerge.Merging.Methods.Tensors;

/// <summary>
/// Splits CPU loops over a chunk's raw memory into fixed blocks run on the thread pool. Results never
/// depend on the thread count: blocks are fixed-size and each writes only its own output or partial.
/// Only plain C# runs on the pool threads; libtorch is called from the merging thread alone, since
/// every thread calling into it would get its own OpenMP team.
/// </summary>
public static class BlockParallel
{
    /// <summary>Elements per block: enough work to outweigh scheduling, small enough to spread a chunk over cores.</summary>
    public const int BlockElements = 1 << 14;

    public static int BlockCount(long elements) => (int)((elements + BlockElements - 1) / BlockElements);

    /// <summary>Runs <paramref name="body"/>(block, start, length) for every block of <paramref name="elements"/>.</summary>
    public static void For(long elements, Action<int, int, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        int blocks = BlockCount(elements);
        if (blocks <= 1 || Environment.ProcessorCount == 1)
        {
            for (int b = 0; b < blocks; b++) Run(b);
            return;
        }
        Parallel.For(0, blocks, Run);

        void Run(int block)
        {
            long start = (long)block * BlockElements;
            body(block, (int)start, (int)Math.Min(BlockElements, elements - start));
        }
    }
}
