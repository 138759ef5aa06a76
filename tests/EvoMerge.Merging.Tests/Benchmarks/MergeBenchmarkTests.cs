using System.Globalization;
using EvoMerge.Merging.Benchmarks;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Merging.Tests.Benchmarks;

/// <summary>The merge benchmark on tiny tensors: every row carries both yardsticks, and the scratch folder is gone afterwards.</summary>
public class MergeBenchmarkTests : IDisposable
{
    readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    [Trait("Category", "Slow")]
    public void Rows_compare_with_a_memory_copy_and_a_copy_through_the_merge_path()
    {
        string csv = _dir.Combine("merge.csv"), work = _dir.Combine("work");
        MergeBenchmark.Run(new MergeBenchmarkOptions
        {
            OutputCsv = csv,
            WorkDirectory = work,
            ElementsPerTensor = 8192,
            Tensors = 1,
            ExtraTensors = null,
            Methods = ["linear", "ties"],
            DTypes = [SafeTensorDType.BF16],
        }, TextWriter.Null);

        var lines = File.ReadAllLines(csv);
        Assert.Equal(MergeBenchmark.Header, lines[0]);
        Assert.Equal(3, lines.Length);
        var columns = lines[0].Split(',').ToList();
        foreach (var row in lines.Skip(1).Select(l => l.Split(',')))
        {
            double Value(string name) => double.Parse(row[columns.IndexOf(name)], CultureInfo.InvariantCulture);
            Assert.True(Value("file_copy_gb_per_s") > 0);
            // Six significant digits in the file.
            Assert.InRange(Value("ratio_to_file_copy") / (Value("gb_per_s") / Value("file_copy_gb_per_s")), 0.9999, 1.0001);
        }
        Assert.False(Directory.Exists(work));
    }
}
