using System.Globalization;
using System.Text;
using EvoMerge.Core.Randomness;
using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Models.Mlp;

namespace EvoMerge.Search.Tests.Support;

/// <summary>
/// A tiny, seeded merge problem on disk: an MLP base (4-8-8-3) and two experts (the base plus different
/// noise), each a safetensors folder with architecture.json, and CSVs whose labels the base half knows.
/// <see cref="Config"/> writes a search YAML over them with the given optimizer and budget.
/// </summary>
public sealed class TinySearchFixture : IDisposable
{
    public static readonly MlpArchitecture Architecture = new(4, [8, 8], 3);

    public TinySearchFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "evomerge-search-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        var rng = new Rng(11);
        var baseWeights = Random(rng, 0.5);
        WriteModel("base", baseWeights);
        WriteModel("expert_a", Perturb(baseWeights, rng, 0.3));
        WriteModel("expert_b", Perturb(baseWeights, rng, 0.3));
        WriteData("fit_a.csv", rng, 40, labelOffset: 0);
        WriteData("fit_b.csv", rng, 40, labelOffset: 1);
        WriteData("test_a.csv", rng, 30, labelOffset: 0);
        WriteData("test_b.csv", rng, 30, labelOffset: 1);
    }

    public string Folder { get; }

    public string PathOf(string name) => System.IO.Path.Combine(Folder, name);

    /// <summary>A config in the fixture folder; relative paths in it resolve against <see cref="Folder"/>.</summary>
    public string Config(string optimizer = "cmaes", long evaluations = 24, string method = "task_arithmetic", bool twoObjectives = false,
                         string extraTask = "", string name = "tiny", string genomeExtra = "", int? population = null)
    {
        string role = twoObjectives ? "own" : "weighted";
        var yaml = new StringBuilder();
        yaml.Append($"name: {name}\nseed: 5\nmodels:\n  base: models/base\n  experts: [models/expert_a, models/expert_b]\n");
        yaml.Append($"merge:\n  method: {method}\n");
        yaml.Append($"genome:\n  layer_granularity: 1\n{genomeExtra}");
        yaml.Append($"optimizer:\n  name: {optimizer}\n{(population is int p ? $"  population: {p}\n" : "")}");
        yaml.Append($"budget:\n  evaluations: {evaluations}\n");
        yaml.Append("tasks:\n");
        yaml.Append($"  - {{name: a, evaluator: classifier, data: fit_a.csv, test_data: test_a.csv, metric: accuracy, objective: {role}}}\n");
        yaml.Append($"  - {{name: b, evaluator: classifier, data: fit_b.csv, test_data: test_b.csv, metric: accuracy, objective: {role}}}\n");
        yaml.Append(extraTask);
        string path = PathOf($"{name}-{optimizer}-{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }

    static double[] Random(Rng rng, double scale)
    {
        var values = new double[Architecture.ParameterCount];
        for (int i = 0; i < values.Length; i++) values[i] = rng.NextGaussian() * scale;
        return values;
    }

    static double[] Perturb(double[] values, Rng rng, double scale) => values.Select(v => v + rng.NextGaussian() * scale).ToArray();

    void WriteModel(string name, double[] flat)
    {
        string folder = PathOf(System.IO.Path.Combine("models", name));
        var tensors = Architecture.Layout.Select(slot => new KeyValuePair<string, MergedTensor>(slot.Name,
            MergedTensor.FromFloat32(flat.Skip((int)slot.Offset).Take((int)slot.Length).Select(v => (float)v).ToArray(), slot.Shape)));
        new MergedModel(tensors).WriteSafeTensors(folder);
        Architecture.Save(System.IO.Path.Combine(folder, MlpArchitecture.FileName));
    }

    void WriteData(string file, Rng rng, int rows, int labelOffset)
    {
        var text = new StringBuilder("f0,f1,f2,f3,label\n");
        for (int r = 0; r < rows; r++)
        {
            var x = Enumerable.Range(0, 4).Select(_ => rng.NextGaussian()).ToArray();
            int label = ((x[0] + x[1] > 0 ? 1 : 0) + labelOffset) % 3;
            text.Append(string.Join(',', x.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Append(',').Append(label).Append('\n');
        }
        File.WriteAllText(PathOf(file), text.ToString());
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}
