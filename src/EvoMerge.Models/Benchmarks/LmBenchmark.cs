using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using EvoMerge.Core.IO;
using EvoMerge.Models.Llama;
using static TorchSharp.torch;

namespace EvoMerge.Models.Benchmarks;

/// <summary>
/// Tokens per second of a random model of each decoder family (same sizes, the family's own numerics
/// and defaults, e.g. Gemma 2's soft-capping and local/global layers): prefill (a full forward of B x T tokens with
/// logits at every position) and greedy generation with the KV cache (new tokens after the first,
/// i.e. the time of N tokens minus the time of 1, so prefill is not counted), per dtype and batch size.
/// </summary>
public static class LmBenchmark
{
    public const string Header = "config,family,dtype,batch,phase,tokens_per_s";

    public static IReadOnlyList<string> Run(string csvPath, TextWriter log, LmBenchmarkOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(csvPath);
        ArgumentNullException.ThrowIfNull(log);
        options ??= new LmBenchmarkOptions();
        options.Validate();
        log.WriteLine($"LM benchmark {options.ConfigName}, {options.NewTokens} new tokens, torch threads {get_num_threads()}, device {options.Device?.ToString() ?? "cpu"}");
        var rows = new List<string> { Header };
        foreach (string family in options.Families)
        {
            var config = Config(options, family);
            var weights = RandomLlamaWeights.Create(config, options.Seed);
            try
            {
                foreach (var dtype in options.DTypes)
                {
                    using var model = LlamaModel.FromTensors(config, weights, new LlamaLoadOptions { DType = dtype, Device = options.Device });
                    foreach (int batch in options.BatchSizes)
                    {
                        var (prefill, generation) = Measure(model, config, options, batch);
                        string name = dtype == ScalarType.BFloat16 ? "bf16" : dtype == ScalarType.Float32 ? "fp32" : dtype.ToString();
                        log.WriteLine($"{family,-12} {name,-5} batch {batch,2}: prefill {prefill,10:F0} tok/s   generation {generation,8:F1} tok/s");
                        rows.Add(Row(options.ConfigName, family, name, batch, "prefill", prefill));
                        rows.Add(Row(options.ConfigName, family, name, batch, "generation", generation));
                    }
                }
            }
            finally
            {
                foreach (var tensor in weights.Values)
                    tensor.Dispose();
            }
        }

        string? directory = Path.GetDirectoryName(Path.GetFullPath(csvPath));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(csvPath, string.Join("\n", rows) + "\n", fsync: true);
        log.WriteLine($"Wrote {csvPath}");
        return rows;
    }

    static (double Prefill, double Generation) Measure(LlamaModel model, LlamaConfig config, LmBenchmarkOptions options, int batch)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(options.Seed + (ulong)batch);
        var ids = randint(0, config.VocabSize, [batch, options.PromptLength], generator: generator, dtype: ScalarType.Int64);
        var full = new GenerationOptions { MaxNewTokens = options.NewTokens };
        var single = new GenerationOptions { MaxNewTokens = 1 };
        // Warm-up: first calls allocate and pick kernels.
        model.Forward(ids).Dispose();
        model.GenerateGreedy(ids, null, full);

        var prefill = new List<double>();
        var generation = new List<double>();
        for (int repeat = 0; repeat < options.Repeats; repeat++)
        {
            double forward = Seconds(() => model.Forward(ids).Dispose());
            prefill.Add((double)batch * options.PromptLength / forward);
            double one = Seconds(() => model.GenerateGreedy(ids, null, single));
            double many = Seconds(() => model.GenerateGreedy(ids, null, full));
            generation.Add((double)batch * (options.NewTokens - 1) / Math.Max(1e-9, many - one));
        }

        return (Median(prefill), Median(generation));
    }

    /// <summary>The benchmark's sizes under a family's config.json defaults (read as a config.json would be).</summary>
    static LlamaConfig Config(LmBenchmarkOptions options, string family)
    {
        var json = new JsonObject
        {
            ["model_type"] = family,
            ["hidden_size"] = options.Hidden,
            ["intermediate_size"] = options.Intermediate,
            ["num_hidden_layers"] = options.Layers,
            ["num_attention_heads"] = options.Heads,
            ["num_key_value_heads"] = options.KeyValueHeads,
            ["vocab_size"] = options.Vocab,
            ["max_position_embeddings"] = options.PromptLength + options.NewTokens,
        };
        return LlamaConfigReader.Parse(json.ToJsonString());
    }

    static double Seconds(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    static string Row(string config, string family, string dtype, int batch, string phase, double tokensPerSecond) =>
        string.Join(",", config, family, dtype, batch.ToString(CultureInfo.InvariantCulture), phase, tokensPerSecond.ToString("F1", CultureInfo.InvariantCulture));
}
