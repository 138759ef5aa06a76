using System.Globalization;
using EvoMerge.Models.Benchmarks;

namespace EvoMerge.Models.Tests.Llama;

public class LmBenchmarkTests
{
    [Fact]
    public void Writes_one_row_per_family_dtype_batch_and_phase_with_positive_rates()
    {
        string folder = Path.Combine(Path.GetTempPath(), "evomerge-lmbench-" + Guid.NewGuid().ToString("N"));
        try
        {
            string csv = Path.Combine(folder, "lm.csv");
            var options = new LmBenchmarkOptions { Layers = 1, Hidden = 16, Heads = 2, KeyValueHeads = 1, Intermediate = 24, Vocab = 32, PromptLength = 8, NewTokens = 3, Repeats = 1, Families = ["llama", "gemma2", "phi3"] };
            LmBenchmark.Run(csv, TextWriter.Null, options);
            var lines = File.ReadAllLines(csv);
            Assert.Equal(LmBenchmark.Header, lines[0]);
            Assert.Equal(1 + 3 * 2 * 2 * 2, lines.Length);
            var cells = lines.Skip(1).Select(l => l.Split(',')).ToList();
            Assert.All(cells, c => Assert.True(double.Parse(c[5], CultureInfo.InvariantCulture) > 0));
            Assert.Equal(["llama", "gemma2", "phi3"], cells.Select(c => c[1]).Distinct());
            Assert.Equal(["fp32", "bf16"], cells.Select(c => c[2]).Distinct());
            Assert.Equal(["1", "8"], cells.Select(c => c[3]).Distinct());
            Assert.Equal(["prefill", "generation"], cells.Select(c => c[4]).Distinct());
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Rejects_a_generation_length_that_times_nothing()
    {
        var error = Assert.Throws<ArgumentException>(() => LmBenchmark.Run("unused.csv", TextWriter.Null, new LmBenchmarkOptions { NewTokens = 1 }));
        Assert.Contains("NewTokens", error.Message);
    }

    [Fact]
    public void Rejects_an_unknown_family_listing_the_supported_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => LmBenchmark.Run("unused.csv", TextWriter.Null, new LmBenchmarkOptions { Families = ["gpt2"] }));
        Assert.Contains("'gpt2' is not supported; supported: llama, mistral, qwen2, qwen3, gemma, gemma2, gemma3_text, phi3", error.Message);
    }
}
