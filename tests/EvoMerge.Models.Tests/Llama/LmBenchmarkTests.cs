using System.Globalization;
using EvoMerge.Models.Benchmarks;

namespace EvoMerge.Models.Tests.Llama;

public class LmBenchmarkTests
{
    [Fact]
    public void Writes_one_row_per_dtype_batch_and_phase_with_positive_rates()
    {
        string folder = Path.Combine(Path.GetTempPath(), "evomerge-lmbench-" + Guid.NewGuid().ToString("N"));
        try
        {
            string csv = Path.Combine(folder, "lm.csv");
            var options = new LmBenchmarkOptions { Layers = 1, Hidden = 16, Heads = 2, KeyValueHeads = 1, Intermediate = 24, Vocab = 32, PromptLength = 8, NewTokens = 3, Repeats = 1 };
            LmBenchmark.Run(csv, TextWriter.Null, options);
            var lines = File.ReadAllLines(csv);
            Assert.Equal(LmBenchmark.Header, lines[0]);
            Assert.Equal(1 + 2 * 2 * 2, lines.Length);
            var cells = lines.Skip(1).Select(l => l.Split(',')).ToList();
            Assert.All(cells, c => Assert.True(double.Parse(c[4], CultureInfo.InvariantCulture) > 0));
            Assert.Equal(["fp32", "bf16"], cells.Select(c => c[1]).Distinct());
            Assert.Equal(["1", "8"], cells.Select(c => c[2]).Distinct());
            Assert.Equal(["prefill", "generation"], cells.Select(c => c[3]).Distinct());
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
}
