using EvoMerge.Core.Randomness;
using EvoMerge.Merging.Methods.Tensors;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>
/// DELLA's keep flags on CPU without torch's sort: each row's magnitudes are ranked by an LSD radix
/// sort of their sign-cleared bit patterns (stable, so ties rank by index), and the entry at
/// ascending rank r of c draws 24 random bits against (density - epsilon) + 2 epsilon r / (c - 1).
/// Every row has its own stream derived from the chunk seed, so rows are processed in parallel and
/// the flags never depend on the thread count.
/// </summary>
public static class RankSamplingKernel
{
    const double TwoTo24 = 16777216.0;
    const ulong RowSeedStep = 0x9E37_79B9_7F4A_7C15;
    const int RadixBits = 8;

    /// <summary>
    /// Writes float32 flags (1 kept, 0 dropped) into <paramref name="flags"/> for a chunk of
    /// <paramref name="slices"/> dim-0 slices, each ranked along a dim of <paramref name="ranked"/>
    /// entries with <paramref name="trailing"/> elements after it (mergekit ranks along dim 1).
    /// </summary>
    public static unsafe void Fill(Span<byte> delta, ScalarType dtype, Span<byte> flags, long slices, int ranked, int trailing,
        ulong seed, double density, double epsilon)
    {
        if (ranked < 1 || trailing < 1) throw new ArgumentOutOfRangeException(nameof(ranked), "rows need at least one entry");
        long rows = slices * trailing;
        if (flags.Length != rows * ranked * sizeof(float))
            throw new ArgumentException($"flags hold {flags.Length / sizeof(float)} entries, the chunk {rows * ranked}");
        int elementSize = (int)(delta.Length / (rows * ranked));
        int keyBits = dtype switch
        {
            ScalarType.Float32 => 31,
            ScalarType.Float64 => 63,
            ScalarType.BFloat16 or ScalarType.Float16 => 15,
            _ => throw new ArgumentException($"DELLA needs a floating-point dtype, not {dtype}"),
        };
        int rowsPerBlock = Math.Max(1, BlockParallel.BlockElements / ranked);
        long blocks = (rows + rowsPerBlock - 1) / rowsPerBlock;
        fixed (byte* deltaBytes = delta)
        fixed (byte* flagBytes = flags)
        {
            var (d, f) = ((IntPtr)deltaBytes, (IntPtr)flagBytes);
            Parallel.For(0L, blocks, () => new RowScratch(ranked, keyBits), (block, _, scratch) =>
            {
                long end = Math.Min(rows, (block + 1) * rowsPerBlock);
                for (long row = block * rowsPerBlock; row < end; row++)
                {
                    long first = row / trailing * ranked * trailing + row % trailing;
                    scratch.LoadKeys((byte*)d, elementSize, first, trailing);
                    scratch.Sort();
                    Draw(scratch.Order, (float*)f, first, trailing, seed + (ulong)row * RowSeedStep, density, epsilon);
                }
                return scratch;
            }, _ => { });
        }
    }

    static unsafe void Draw(int[] order, float* flags, long first, int trailing, ulong seed, double density, double epsilon)
    {
        var rng = new Rng(seed);
        int count = order.Length;
        double low = density - epsilon, step = count > 1 ? 2 * epsilon / (count - 1) : 0;
        if (count == 1) low = density;   // one entry is both lowest and highest: the middle probability
        ulong bits = 0;
        for (int rank = 0; rank < count; rank++)
        {
            int u;
            if ((rank & 1) == 0) { bits = rng.NextUInt64(); u = (int)(bits >> 40); }
            else u = (int)((bits >> 16) & 0xFF_FFFF);
            int threshold = (int)Math.Ceiling((low + step * rank) * TwoTo24);
            flags[first + (long)order[rank] * trailing] = (uint)(u - threshold) >> 31;
        }
    }

    /// <summary>Per-worker buffers for one row: keys, positions, and their radix-sort counterparts.</summary>
    sealed class RowScratch(int ranked, int keyBits)
    {
        ulong[] _keys = new ulong[ranked], _keysOut = new ulong[ranked];
        int[] _order = new int[ranked], _orderOut = new int[ranked];
        readonly int[] _counts = new int[1 << RadixBits];

        /// <summary>Row positions by ascending magnitude once <see cref="Sort"/> ran.</summary>
        public int[] Order => _order;

        public unsafe void LoadKeys(byte* delta, int elementSize, long first, int trailing)
        {
            for (int j = 0; j < ranked; j++)
            {
                byte* at = delta + (first + (long)j * trailing) * elementSize;
                _keys[j] = elementSize switch
                {
                    4 => *(uint*)at & 0x7FFF_FFFFu,
                    8 => *(ulong*)at & 0x7FFF_FFFF_FFFF_FFFFul,
                    _ => *(ushort*)at & 0x7FFFu,
                };
                _order[j] = j;
            }
        }

        /// <summary>Stable LSD radix sort of the keys, carrying positions; digits shared by all keys are skipped.</summary>
        public void Sort()
        {
            const int mask = (1 << RadixBits) - 1;
            for (int shift = 0; shift < keyBits; shift += RadixBits)
            {
                Array.Clear(_counts);
                foreach (var key in _keys) _counts[(int)(key >> shift) & mask]++;
                if (_counts[(int)(_keys[0] >> shift) & mask] == ranked) continue;
                for (int digit = 0, total = 0; digit <= mask; digit++)
                    (_counts[digit], total) = (total, total + _counts[digit]);
                for (int j = 0; j < ranked; j++)
                {
                    int slot = _counts[(int)(_keys[j] >> shift) & mask]++;
                    _keysOut[slot] = _keys[j];
                    _orderOut[slot] = _order[j];
                }
                (_keys, _keysOut) = (_keysOut, _keys);
                (_order, _orderOut) = (_orderOut, _order);
            }
        }
    }
}
