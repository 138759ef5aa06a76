using System.Runtime.InteropServices;
using EvoMerge.Core.Randomness;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Execution;
using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Merging.Planning;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Reading;
using EvoMerge.SafeTensors.Writing;
using TorchSharp;

namespace EvoMerge.Merging.Tests.Execution;

/// <summary>
/// The fused CPU kernels (one pass from the mapped inputs) must agree with the TorchSharp methods,
/// which the golden tests tie to mergekit: in float32 and bfloat16, with a tail that is not a whole
/// SIMD step, and with every parameter that changes their arithmetic.
/// </summary>
public class FusedKernelTests : IDisposable
{
    readonly TempFolder _dir = new();
    const int Rows = 37, Cols = 53; // 1961 elements: several blocks of lanes plus a ragged tail

    public void Dispose() => _dir.Dispose();

    void WriteModels(SafeTensorDType dtype, int rows = Rows, int cols = Cols, float quantum = 0)
    {
        var rng = new Rng(5);
        var spec = new TensorSpec("model.layers.0.mlp.up_proj.weight", dtype, [rows, cols]);
        var baseValues = Enumerable.Range(0, rows * cols).Select(_ => (float)rng.NextGaussian()).ToArray();
        // A quantum > 0 rounds the deltas to multiples of it: many exactly tied magnitudes.
        float Delta() => quantum > 0 ? quantum * MathF.Round(0.1f * (float)rng.NextGaussian() / quantum) : 0.1f * (float)rng.NextGaussian();
        foreach (var (name, index) in new[] { "base", "a", "b", "c" }.Select((n, i) => (n, i)))
        {
            var values = baseValues.Select(v => index == 0 ? v : v + Delta()).ToArray();
            string folder = _dir.Combine(name);
            using var writer = CheckpointWriter.Create(folder, [spec], CheckpointFiles.DefaultShardSize);
            if (dtype == SafeTensorDType.BF16)
                writer.Write(spec.Name, MemoryMarshal.AsBytes(values.Select(DtypeScalars.ToBFloat16Bits).ToArray().AsSpan()));
            else
                writer.Write(spec.Name, MemoryMarshal.AsBytes(values.AsSpan()));
            writer.Commit();
        }
    }

    public static TheoryData<string, string> Cases() => new()
    {
        { "float32", "merge_method: linear\nmodels:\n  - model: a\n    parameters: {weight: 0.5}\n  - model: b\n    parameters: {weight: 0.2}\n  - model: c\n    parameters: {weight: 0.3}\n" },
        { "bfloat16", "merge_method: linear\nmodels:\n  - model: a\n    parameters: {weight: 0.5}\n  - model: b\n    parameters: {weight: 0.2}\n  - model: c\n    parameters: {weight: 0.3}\n" },
        { "float32", "merge_method: linear\nparameters: {normalize: false}\nmodels:\n  - model: a\n    parameters: {weight: 0.7}\n  - model: base\n    parameters: {weight: -0.4}\n" },
        { "float32", "merge_method: task_arithmetic\nbase_model: base\nparameters: {lambda: 0.7}\nmodels:\n  - model: a\n    parameters: {weight: 0.4}\n  - model: b\n    parameters: {weight: 0.8}\n  - model: c\n    parameters: {weight: 0.2}\n" },
        { "bfloat16", "merge_method: task_arithmetic\nbase_model: base\nparameters: {normalize: true, lambda: 1.3}\nmodels:\n  - model: a\n    parameters: {weight: 0.4}\n  - model: b\n    parameters: {weight: 0.8}\n" },
        { "float32", "merge_method: task_arithmetic\nbase_model: base\nparameters: {normalize: true}\nmodels:\n  - model: a\n    parameters: {weight: 0.5}\n  - model: b\n    parameters: {weight: -0.5}\n" },
        { "float32", "merge_method: ties\nbase_model: base\nmodels:\n  - model: a\n    parameters: {weight: 0.4, density: 0.6}\n  - model: b\n    parameters: {weight: 0.8, density: 0.25}\n  - model: c\n    parameters: {weight: 0.2, density: 0.9}\n" },
        { "bfloat16", "merge_method: ties\nbase_model: base\nparameters: {normalize: false, lambda: 0.8}\nmodels:\n  - model: a\n    parameters: {weight: 0.4, density: 0.6}\n  - model: b\n    parameters: {weight: -0.8, density: 1}\n" },
        { "float32", "merge_method: ties\nbase_model: base\nmodels:\n  - model: a\n    parameters: {weight: 0.5, density: 0.0001}\n  - model: b\n    parameters: {weight: 0.5, density: 0.5}\n" },
        { "float32", "merge_method: dare_ties\nbase_model: base\nmodels:\n  - model: a\n    parameters: {weight: 0.4, density: 1}\n  - model: b\n    parameters: {weight: 0.8, density: 1}\n" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fused_path_matches_the_torch_method(string dtype, string yaml) => Compare(dtype, yaml, Rows, Cols, 0);

    /// <summary>Tensors of many parallel blocks, with and without many tied magnitudes.</summary>
    [Theory]
    [InlineData("float32", 0f)]
    [InlineData("float32", 0.01f)]
    [InlineData("bfloat16", 0f)]
    [InlineData("bfloat16", 0.01f)]
    public void Ties_on_large_tensors_match_the_torch_method(string dtype, float quantum) =>
        Compare(dtype, "merge_method: ties\nbase_model: base\nmodels:\n  - model: a\n    parameters: {weight: 0.4, density: 0.3}\n  - model: b\n    parameters: {weight: 0.8, density: 0.7}\n", 1031, 613, quantum);

    /// <summary>Three trimmed models found in shared passes, each with its own partially kept ties.</summary>
    [Theory]
    [InlineData("float32", 0.02f)]
    [InlineData("bfloat16", 0.02f)]
    [InlineData("bfloat16", 0f)]
    public void Ties_of_three_models_with_many_tied_magnitudes_match_the_torch_method(string dtype, float quantum) =>
        Compare(dtype, "merge_method: ties\nbase_model: base\nparameters: {lambda: 0.9}\nmodels:\n  - model: a\n    parameters: {weight: 0.5, density: 0.5}\n  - model: b\n    parameters: {weight: 0.3, density: 0.2}\n  - model: c\n    parameters: {weight: 0.2, density: 0.95}\n", 517, 1009, quantum);

    void Compare(string dtype, string yaml, int rows, int cols, float quantum)
    {
        var stored = dtype == "bfloat16" ? SafeTensorDType.BF16 : SafeTensorDType.F32;
        WriteModels(stored, rows, cols, quantum);
        var plan = MergePlanner.Plan(MergeConfigParser.Parse($"dtype: {dtype}\n" + yaml, _dir.Path));
        var planned = Assert.Single(plan.Tensors);
        using var scope = torch.NewDisposeScope();
        using var executor = new MergeExecutor(plan);
        var fused = executor.MergeOne(planned).to_type(torch.ScalarType.Float32).data<float>().ToArray();

        // The same tensor through the TorchSharp method, as the executor does on other devices.
        var checkpoints = plan.Models.Keys.ToDictionary(m => m, SafeTensorsCheckpoint.Open);
        try
        {
            var inputs = planned.Inputs.Select(i => new MethodInputModel(i.Model, i.IsBase, TensorLoader.Load(checkpoints[i.Model], i.TensorName), i.Parameters)).ToList();
            var reference = plan.Method.Merge(new MergeInputs
            {
                TensorName = planned.OutputName,
                Models = inputs,
                Base = inputs.FirstOrDefault(i => i.IsBase)?.Tensor,
                GlobalParameters = planned.GlobalParameters,
            }).to_type(torch.ScalarType.Float32).data<float>().ToArray();
            Assert.Equal(reference.Length, fused.Length);
            // float32: identical up to last-bit rounding. bfloat16: within two bfloat16 steps, because
            // the torch path divides by a scalar (PyTorch multiplies by its reciprocal) where mergekit,
            // and the fused kernel, divide by a tensor; each rounding to bfloat16 can then differ.
            double relative = stored == SafeTensorDType.BF16 ? 2.0 / 128 : 1e-6;
            // Rounding errors scale with the largest operand (the base, where the result cancels), not the result.
            var magnitudes = inputs.Select(m => m.Tensor.to_type(torch.ScalarType.Float32).data<float>().ToArray()).ToList();
            for (int i = 0; i < fused.Length; i++)
                Assert.True(Math.Abs(fused[i] - reference[i]) <= 1e-6 + relative * Math.Max(Math.Abs(reference[i]), magnitudes.Max(m => Math.Abs(m[i]))),
                    $"element {i}: fused {fused[i]:R}, torch {reference[i]:R}");
        }
        finally
        {
            foreach (var c in checkpoints.Values) c.Dispose();
        }
    }

    [Fact]
    public void Dare_keeps_each_entry_with_probability_density_and_is_reproducible()
    {
        WriteModels(SafeTensorDType.F32);
        const string yaml = "merge_method: dare_ties\nbase_model: base\nrandom_seed: 9\nparameters: {rescale: false}\nmodels:\n  - model: a\n    parameters: {weight: 1, density: 0.3}\n";
        float[] Run(string text)
        {
            var plan = MergePlanner.Plan(MergeConfigParser.Parse(text, _dir.Path));
            using var scope = torch.NewDisposeScope();
            using var executor = new MergeExecutor(plan);
            return executor.MergeOne(plan.Tensors[0]).data<float>().ToArray();
        }
        var first = Run(yaml);
        Assert.Equal(first, Run(yaml));
        Assert.NotEqual(first, Run(yaml.Replace("random_seed: 9", "random_seed: 10")));
        using var b = SafeTensorsCheckpoint.Open(_dir.Combine("base"));
        var baseValues = MemoryMarshal.Cast<byte, float>(b.GetBytes("model.layers.0.mlp.up_proj.weight")).ToArray();
        int kept = first.Where((v, i) => v != baseValues[i]).Count();
        // Binomial(1961, 0.3): mean 588, standard deviation 20; allow 5 sigma.
        Assert.InRange(kept, 588 - 100, 588 + 100);
    }
}
