using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using EvoMerge.Core.IO;
using EvoMerge.Core.Randomness;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Merging.Output;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Reading;
using EvoMerge.SafeTensors.Writing;

namespace EvoMerge.Merging.Benchmarks;

public sealed record MergeBenchmarkOptions
{
    public required string OutputCsv { get; init; }
    /// <summary>Scratch folder for generated models and merge outputs (deleted afterwards).</summary>
    public required string WorkDirectory { get; init; }
    public long ElementsPerTensor { get; init; } = 16L << 20;
    public int Tensors { get; init; } = 2;
    /// <summary>A second tensor count run for float32 with linear and ties, to show peak memory does not grow with it.</summary>
    public int? ExtraTensors { get; init; } = 6;
    public IReadOnlyList<string> Methods { get; init; } = ["linear", "task_arithmetic", "ties", "dare_ties"];
    public IReadOnlyList<SafeTensorDType> DTypes { get; init; } = [SafeTensorDType.F32, SafeTensorDType.BF16];
}

/// <summary>
/// Times merges of three models plus a base, end to end through <see cref="MergeJob"/>, best of three (inputs in
/// the page cache; the fixed cost measured on a tiny merge and subtracted), and compares the ideal
/// memory traffic rate with this machine's memory-copy bandwidth measured in the same process just after
/// each row's merges (<see cref="CopyBaseline"/>), and with a copy of the same bytes through the merge's own
/// path: memory-mapped inputs in, a new checkpoint file out (<see cref="FileCopyBaseline"/>).
/// </summary>
public static class MergeBenchmark
{
    /// <summary>
    /// peak_rss_mb is the peak of the process's anonymous resident memory (RssAnon, sampled every
    /// few milliseconds): what the merge allocates. Pages of the memory-mapped inputs are file-backed
    /// page cache that the kernel can drop at any time, so they are not counted.
    /// </summary>
    public const string Header = "method,dtype,elements,tensors,models,seconds,gb_per_s,copy_gb_per_s,ratio_to_copy,file_copy_gb_per_s,ratio_to_file_copy,peak_rss_mb";

    /// <summary>
    /// Timed merges per row; the row reports the fastest. The machine is shared, and in this VM the first
    /// touch of memory the guest has not used before (page-cache pages for a new output file) costs
    /// several times the merge itself, so single runs mostly measure the neighbours and the hypervisor.
    /// </summary>
    const int Repeats = 3;

    public static void Run(MergeBenchmarkOptions options, TextWriter log)
    {
        Directory.CreateDirectory(options.WorkDirectory);
        var rows = new List<string> { Header };
        try
        {
            log.WriteLine($"Memory copy bandwidth: {CopyBaseline.Measure():F2} GB/s (read + write, best of 5, 256 MB; measured again with each row)");
            var runs = options.DTypes.Select(d => (DType: d, Tensors: options.Tensors, Methods: options.Methods)).ToList();
            if (options.ExtraTensors is int extra && extra != options.Tensors)
                runs.Add((SafeTensorDType.F32, extra, options.Methods.Where(m => m is "linear" or "ties").ToList()));
            foreach (var (dtype, tensors, methods) in runs)
            {
                string models = Path.Combine(options.WorkDirectory, $"models-{dtype}-{tensors}");
                string tiny = Path.Combine(options.WorkDirectory, $"tiny-{dtype}-{tensors}");
                log.WriteLine($"Generating 4 models x {tensors} tensors x {options.ElementsPerTensor:N0} elements ({dtype}) ...");
                GenerateModels(models, dtype, tensors, options.ElementsPerTensor);
                GenerateModels(tiny, dtype, tensors, 64);
                WarmPageCache(models);
                foreach (var method in methods)
                {
                    // The first call also JIT-compiles and loads libtorch: a tiny merge untimed, then the best of three.
                    TimeMerge(method, tiny, options.WorkDirectory);
                    double startup = Enumerable.Range(0, Repeats).Min(_ => TimeMerge(method, tiny, options.WorkDirectory).Seconds);
                    // Return the generator's arrays to the OS so they do not count as the merge's memory.
                    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    var nets = new List<double>();
                    long peak = 0, bytes = 0;
                    for (int repeat = 0; repeat < Repeats; repeat++)
                    {
                        using var sampler = new PeakMemorySampler();
                        (double seconds, bytes) = TimeMerge(method, models, options.WorkDirectory);
                        peak = Math.Max(peak, sampler.Stop());
                        nets.Add(Math.Max(1e-9, seconds - startup));
                    }
                    double net = nets.Min();
                    // The machine is shared: the baseline is taken at the same moment as the row, so neighbours slow both alike.
                    double copyGbPerS = CopyBaseline.Measure();
                    // The same bytes through the merge's own read and write path, without the arithmetic.
                    double fileCopyGbPerS = FileCopyBaseline.Measure(models, ["base", "a", "b", "c"], options.WorkDirectory);
                    double gbps = bytes / net / 1e9;
                    log.WriteLine($"{method,-16} {dtype,-5} x{tensors} {net:F3} s  {gbps:F2} GB/s  ({gbps / copyGbPerS:P0} of copy {copyGbPerS:F1} GB/s, " +
                        $"{gbps / fileCopyGbPerS:P0} of file copy {fileCopyGbPerS:F1} GB/s)  peak RSS {peak / 1e6:F0} MB" +
                        $"  (runs: {string.Join(", ", nets.Select(n => n.ToString("F3", CultureInfo.InvariantCulture)))} s)");
                    rows.Add(string.Join(",", method, DtypeName(dtype), options.ElementsPerTensor.ToString(CultureInfo.InvariantCulture),
                        tensors.ToString(CultureInfo.InvariantCulture), "4", F(net), F(gbps), F(copyGbPerS), F(gbps / copyGbPerS),
                        F(fileCopyGbPerS), F(gbps / fileCopyGbPerS), F(peak / 1e6)));
                }
            }
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.OutputCsv))!);
            AtomicFile.WriteAllText(options.OutputCsv, string.Join("\n", rows) + "\n", fsync: true);
            log.WriteLine($"Wrote {options.OutputCsv}");
        }
        finally
        {
            Directory.Delete(options.WorkDirectory, recursive: true);
        }
    }

    static string DtypeName(SafeTensorDType d) => d == SafeTensorDType.BF16 ? "bfloat16" : d == SafeTensorDType.F16 ? "float16" : "float32";

    static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Merges three experts onto a base with <paramref name="method"/>; returns seconds and ideal traffic bytes.</summary>
    static (double Seconds, long Bytes) TimeMerge(string method, string models, string work)
    {
        string baseLine = method == "linear" ? "" : "base_model: base";
        string yaml = $$"""
            merge_method: {{method}}
            {{baseLine}}
            random_seed: 1
            models:
              - model: a
                parameters: {weight: 0.5, density: 0.5}
              - model: b
                parameters: {weight: 0.3, density: 0.5}
              - model: c
                parameters: {weight: 0.2, density: 0.5}
            """;
        if (method == "linear") yaml = yaml.Replace(", density: 0.5", "") + "\n  - model: base\n    parameters: {weight: 0.1}\n";
        if (method == "task_arithmetic") yaml = yaml.Replace(", density: 0.5", "");
        // A new output folder, as for a real merge: removing the previous output is not part of the timing.
        string outDir = Path.Combine(work, "out");
        if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        var sw = Stopwatch.StartNew();
        var config = MergeConfigParser.Parse(yaml, models, "benchmark");
        var options = new MergeJobOptions();
        var plan = MergeJob.Prepare(config, outDir, options);
        MergeJob.Run(plan, outDir, options);
        double seconds = sw.Elapsed.TotalSeconds;
        return (seconds, plan.IdealTrafficBytes);
    }

    static void GenerateModels(string folder, SafeTensorDType dtype, int tensors, long elements)
    {
        var rng = new Rng(2024);
        int rows = (int)Math.Max(1, elements / 4096), cols = (int)(elements / rows);
        var specs = Enumerable.Range(0, tensors).Select(i => new TensorSpec($"model.layers.{i}.mlp.up_proj.weight", dtype, [rows, cols])).ToList();
        var baseValues = new float[(long)rows * cols];
        var values = new float[baseValues.Length];
        var bf16 = new ushort[baseValues.Length];
        foreach (var model in new[] { "base", "a", "b", "c" })
        {
            string dir = Path.Combine(folder, model);
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
            Directory.CreateDirectory(dir);
            using var writer = CheckpointWriter.Create(dir, specs, CheckpointFiles.DefaultShardSize);
            foreach (var spec in specs)
            {
                for (int i = 0; i < values.Length; i++)
                {
                    if (model == "base") baseValues[i] = (float)(rng.NextDouble() - 0.5);
                    values[i] = model == "base" ? baseValues[i] : baseValues[i] + (float)(0.1 * (rng.NextDouble() - 0.5));
                }
                if (dtype == SafeTensorDType.BF16)
                {
                    for (int i = 0; i < values.Length; i++) bf16[i] = DtypeScalars.ToBFloat16Bits(values[i]);
                    writer.Write(spec.Name, MemoryMarshal.AsBytes(bf16.AsSpan()));
                }
                else writer.Write(spec.Name, MemoryMarshal.AsBytes(values.AsSpan()));
            }
            writer.Commit();
        }
    }

    /// <summary>
    /// Puts the inputs in the page cache the way the merge reads them: flushed to disk (so their
    /// write-back does not compete with the timed merge) and touched once through a memory map (the
    /// first mapping of freshly written page-cache pages costs the kernel several times more than
    /// later ones).
    /// </summary>
    static unsafe void WarmPageCache(string folder)
    {
        foreach (var file in Directory.GetFiles(folder, "*.safetensors", SearchOption.AllDirectories))
        {
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite))
                stream.Flush(flushToDisk: true);
            using var mapped = SafeTensorsFile.Open(file);
            long sum = 0;
            foreach (var name in mapped.Tensors.Keys)
            {
                byte* data = mapped.GetPointer(name);
                long length = mapped.Tensors[name].ByteLength;
                for (long offset = 0; offset < length; offset += 4096) sum += data[offset];
            }
            GC.KeepAlive(sum);
        }
    }
}
