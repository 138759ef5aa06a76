using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EvoMerge.Core.IO;
using EvoMerge.Models.Llama;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Writing;
using static TorchSharp.torch;

namespace EvoMerge.Models.Benchmarks;

/// <summary>
/// Loads a model whose embedding is over 2 GiB (more bytes than a span holds) through the normal loader:
/// writes a one-layer checkpoint with a [vocab, 64] float32 embedding of 2.25 GiB (over int.MaxValue bytes)
/// filled with a known pattern, loads it, checks values past the 2 GiB mark and runs a forward on the
/// last token id. Needs about 2.5 GB of scratch disk and 5 GB of memory; the scratch folder is removed.
/// </summary>
public static class LargeTensorLoadBenchmark
{
    public const string Header = "tensor,bytes,dtype,write_s,load_s,checked_values";
    /// <summary>2.25 GiB: past int.MaxValue bytes by a quarter GiB, so three 1 GiB pieces are copied.</summary>
    public const long DefaultBytes = (1L << 31) + (1L << 28);

    const int Hidden = 64;
    const int ChunkElements = 1 << 24;

    public static string Run(string csvPath, string scratchFolder, TextWriter log, long minimumBytes = DefaultBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(csvPath);
        ArgumentException.ThrowIfNullOrEmpty(scratchFolder);
        ArgumentNullException.ThrowIfNull(log);
        int vocab = checked((int)(minimumBytes / (Hidden * sizeof(float)) + 1));
        var config = new LlamaConfig
        {
            HiddenSize = Hidden,
            IntermediateSize = Hidden,
            NumHiddenLayers = 1,
            NumAttentionHeads = 2,
            NumKeyValueHeads = 2,
            VocabSize = vocab,
            TieWordEmbeddings = true,
        };
        long bytes = (long)vocab * Hidden * sizeof(float);
        string folder = Path.Combine(scratchFolder, "large-tensor-" + Guid.NewGuid().ToString("N"));
        try
        {
            var watch = Stopwatch.StartNew();
            WriteCheckpoint(folder, config);
            double write = watch.Elapsed.TotalSeconds;
            log.WriteLine($"wrote a [{vocab}, {Hidden}] float32 embedding ({bytes:N0} bytes) in {write:F1} s");
            watch.Restart();
            using var model = LlamaModel.Load(folder);
            double load = watch.Elapsed.TotalSeconds;
            int checkedValues = Check(model, vocab);
            log.WriteLine($"loaded in {load:F1} s; the values at {checkedValues} places (before, at and past the 2 GiB mark) match and the last token's logits are finite");
            string row = string.Join(",", LlamaTensorNames.Embedding, bytes.ToString(CultureInfo.InvariantCulture), "F32",
                write.ToString("F2", CultureInfo.InvariantCulture), load.ToString("F2", CultureInfo.InvariantCulture), checkedValues.ToString(CultureInfo.InvariantCulture));
            string? directory = Path.GetDirectoryName(Path.GetFullPath(csvPath));
            if (directory is not null)
                Directory.CreateDirectory(directory);
            AtomicFile.WriteAllText(csvPath, Header + "\n" + row + "\n", fsync: true);
            log.WriteLine($"Wrote {csvPath}");
            return row;
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Element i of the embedding: distinct enough that a piece copied to the wrong place shows.</summary>
    static float Pattern(long index) => (float)(index % 65521) / 65521f - 0.5f;

    static void WriteCheckpoint(string folder, LlamaConfig config)
    {
        var small = RandomLlamaWeights.Create(config with { VocabSize = 1 }, 7);
        try
        {
            var specs = LlamaTensorNames.Expected(config)
                .Select(e => new TensorSpec(e.Name, SafeTensorDType.F32, e.Shape)).ToList();
            using (var writer = CheckpointWriter.Create(folder, specs, long.MaxValue))
            {
                long total = (long)config.VocabSize * Hidden;
                var buffer = new float[ChunkElements];
                for (long start = 0; start < total; start += ChunkElements)
                {
                    int count = (int)Math.Min(ChunkElements, total - start);
                    for (int i = 0; i < count; i++)
                        buffer[i] = Pattern(start + i);
                    writer.WritePart(LlamaTensorNames.Embedding, start * sizeof(float),
                        System.Runtime.InteropServices.MemoryMarshal.AsBytes(buffer.AsSpan(0, count)));
                }

                foreach (var (name, tensor) in small.Where(t => t.Key != LlamaTensorNames.Embedding))
                    writer.Write(name, tensor.bytes);
                writer.Commit();
            }

            File.WriteAllText(Path.Combine(folder, LlamaConfigReader.FileName),
                DecoderConfigJson.Create(config).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        finally
        {
            foreach (var tensor in small.Values)
                tensor.Dispose();
        }
    }

    static int Check(LlamaModel model, int vocab)
    {
        using var scope = NewDisposeScope();
        var flat = model.Embedding.view(-1);
        long total = flat.numel();
        long pastMark = (long)int.MaxValue / sizeof(float) + 1;
        long[] indices = [0, total / 2 + 7, pastMark - 1, pastMark, pastMark + (total - pastMark) / 2 + 3, total - 1];
        foreach (long index in indices)
        {
            float value = flat[index].item<float>();
            if (value != Pattern(index))
                throw new InvalidOperationException($"embedding element {index}: loaded {value}, written {Pattern(index)}.");
        }

        var logits = model.Forward(tensor(new long[] { vocab - 1, 0 }).view(1, 2));
        if (!logits.isfinite().all().item<bool>())
            throw new InvalidOperationException("the forward over the large embedding gave non-finite logits.");
        return indices.Length;
    }
}
