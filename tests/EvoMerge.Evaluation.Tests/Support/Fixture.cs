using System.Globalization;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Data;

namespace EvoMerge.Evaluation.Tests.Support;

/// <summary>Paths and readers for the files make_fixtures.py wrote.</summary>
internal static class Fixture
{
    public const int Rows = 40;
    public const int Features = 64;
    public const int Classes = 10;

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Model => Path("mlp.onnx");

    public static TaskData Data() => CsvTaskDataLoader.Load(Path("data.csv"));

    public static MergedModel WeightsA() => MergedModel.ReadSafeTensors(Path("weights_a.safetensors"));

    public static MergedModel WeightsB() => MergedModel.ReadSafeTensors(Path("weights_b.safetensors"));

    /// <summary>The numpy reference logits, [row][class].</summary>
    public static double[][] Logits(string file) =>
        File.ReadAllLines(Path(file))
            .Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();

    public static int ArgMax(double[] values) => Array.IndexOf(values, values.Max());
}
