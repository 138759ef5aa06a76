using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Stock;

/// <summary>
/// Model Stock with one ratio for the whole tensor (filter_wise: false), in two chunked passes: the
/// pairwise dot products and norms of the offsets x_i - b, then y = t * mean(x_i) + (1 - t) * b with
/// the mean summed model by model and divided by N in the dtype, as mergekit does.
/// </summary>
public static class GlobalModelStock
{
    public static Tensor Merge(Tensor baseTensor, IReadOnlyList<Tensor> models, long chunkElements)
    {
        ArgumentNullException.ThrowIfNull(baseTensor);
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count < 2) throw new ArgumentException("model_stock needs at least two models besides the base", nameof(models));
        using var scope = NewDisposeScope();
        var b = baseTensor.contiguous().view(-1);
        var xs = models.Select(m => m.contiguous().view(-1)).ToArray();
        var dtype = b.dtype;
        var accumulation = DtypeScalars.AccumulationType(dtype);
        var chunks = Chunking.Split(b.numel(), 1, chunkElements);
        using var workspace = ChunkWorkspace.For(chunks, b.device);
        int n = xs.Length;

        var dots = new double[n, n];
        foreach (var chunk in chunks)
        {
            using var chunkScope = NewDisposeScope();
            var baseChunk = b.narrow(0, chunk.Start, chunk.Length);
            var offsets = xs.Select((x, i) =>
            {
                var offset = workspace.Get($"offset/{i}", dtype, chunk.Length).copy_(x.narrow(0, chunk.Start, chunk.Length)).sub_(baseChunk);
                // Dot products of bf16/fp16 offsets are taken in float32, not rounded in half precision.
                return accumulation == dtype ? offset : workspace.Get($"offset/{i}/wide", accumulation, chunk.Length).copy_(offset);
            }).ToArray();
            for (int i = 0; i < n; i++)
                for (int j = i; j < n; j++)
                    dots[i, j] += offsets[i].dot(offsets[j]).to_type(ScalarType.Float64).item<double>();
        }
        double t = Ratio(dots, n);
        double tRounded = DtypeScalars.Round(t, dtype);
        double oneMinusT = DtypeScalars.Round(1 - tRounded, dtype);

        var output = empty_like(b);
        using var held = new HeldScalars();   // the same few values for every chunk
        foreach (var chunk in chunks)
        {
            using var chunkScope = NewDisposeScope();
            var average = workspace.Get("average", dtype, chunk.Length).copy_(xs[0].narrow(0, chunk.Start, chunk.Length));
            for (int i = 1; i < n; i++) average.add_(xs[i].narrow(0, chunk.Start, chunk.Length), held[1]);
            average.div_(held[n]).mul_(held[tRounded]);
            var anchored = workspace.Get("anchored", dtype, chunk.Length).copy_(b.narrow(0, chunk.Start, chunk.Length)).mul_(held[oneMinusT]);
            output.narrow(0, chunk.Start, chunk.Length).copy_(average.add_(anchored, held[1]));
        }
        return output.view(baseTensor.shape).MoveToOuterDisposeScope();
    }

    /// <summary>t = N c / (1 + (N - 1) c) with c the mean pairwise cosine (norm products clamped to at least 1e-6).</summary>
    public static double Ratio(double[,] dots, int n)
    {
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++, pairs++)
                sum += Math.Clamp(dots[i, j] / Math.Max(Math.Sqrt(dots[i, i]) * Math.Sqrt(dots[j, j]), ModelStock.NormProductClamp), -1, 1);
        double c = sum / pairs;
        return n * c / (1 + (n - 1) * c);
    }
}
