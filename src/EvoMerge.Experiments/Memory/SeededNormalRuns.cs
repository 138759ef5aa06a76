using EvoMerge.Core.Randomness;
using static TorchSharp.torch;

namespace EvoMerge.Experiments.Memory;

/// <summary>
/// Standard normal values of any tensor element range, the same whatever ranges are asked for: values come in runs
/// of <see cref="RunElements"/>, each drawn whole from its own seed (stream, tensor, run), and a range copies its
/// part of the runs it overlaps. The last run drawn is kept, so consecutive small ranges draw each run once.
/// </summary>
public sealed class SeededNormalRuns(ulong stream) : IDisposable
{
    public const long RunElements = 1 << 16;

    readonly Generator _generator = new(0);
    (int Tensor, long Run) _key = (-1, -1);
    Tensor? _drawn;

    /// <summary>Values <paramref name="start"/> to start + count of tensor number <paramref name="tensor"/> (of <paramref name="elements"/> values), as a new float32 tensor of the current dispose scope.</summary>
    public Tensor Draw(int tensor, long elements, long start, long count)
    {
        var values = empty(count);
        for (long run = start / RunElements; run * RunElements < start + count; run++)
        {
            long runStart = run * RunElements;
            long from = Math.Max(start, runStart), to = Math.Min(start + count, runStart + RunElements);
            using var part = Run(tensor, run, Math.Min(RunElements, elements - runStart)).narrow(0, from - runStart, to - from);
            using var target = values.narrow(0, from - start, to - from);
            target.copy_(part);
        }
        return values;
    }

    Tensor Run(int tensor, long run, long length)
    {
        if (_key == (tensor, run) && _drawn is not null) return _drawn;
        _drawn?.Dispose();
        // SplitMix64's finalizer twice: nearby (stream, tensor, run) triples get unrelated seeds.
        _generator.manual_seed(unchecked((long)SeedMix.Finalize(SeedMix.Finalize(stream + (ulong)tensor * SeedMix.GoldenGamma) + (ulong)run * SeedMix.GoldenGamma)));
        // Always the whole run: torch's randn values depend on how many are drawn, not only on the seed.
        _drawn = randn(length, generator: _generator).DetachFromDisposeScope();
        _key = (tensor, run);
        return _drawn;
    }

    public void Dispose()
    {
        _drawn?.Dispose();
        _generator.Dispose();
    }
}
