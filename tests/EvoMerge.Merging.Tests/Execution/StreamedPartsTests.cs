using System.Runtime.InteropServices;
using EvoMerge.Core.Randomness;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Execution;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Merging.Output;
using EvoMerge.Merging.Planning;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Reading;
using EvoMerge.SafeTensors.Writing;
using TorchSharp;

namespace EvoMerge.Merging.Tests.Execution;

/// <summary>
/// Fused kernels stream their output chunk by chunk through a small buffer: the parts
/// must come in order, cover the tensor exactly, and write the same bytes as merging it whole.
/// </summary>
public class StreamedPartsTests : IDisposable
{
    readonly TempFolder _dir = new();
    // 632,003 elements: two whole float32 chunks of 262,144 (one bfloat16 chunk of 524,288) and a ragged rest that is not a whole SIMD step.
    const int Rows = 1031, Cols = 613;

    public void Dispose() => _dir.Dispose();

    void WriteModels(SafeTensorDType dtype)
    {
        var rng = new Rng(11);
        var specs = new[] { new TensorSpec("model.layers.0.mlp.up_proj.weight", dtype, [Rows, Cols]), new TensorSpec("model.norm.weight", dtype, [7]) };
        foreach (var name in new[] { "base", "a", "b" })
        {
            using var writer = CheckpointWriter.Create(_dir.Combine(name), specs, CheckpointFiles.DefaultShardSize);
            foreach (var spec in specs)
            {
                var values = Enumerable.Range(0, (int)spec.Shape.Aggregate(1L, (x, y) => x * y)).Select(_ => (float)rng.NextGaussian()).ToArray();
                if (dtype == SafeTensorDType.BF16)
                    writer.Write(spec.Name, MemoryMarshal.AsBytes(values.Select(DtypeScalars.ToBFloat16Bits).ToArray().AsSpan()));
                else
                    writer.Write(spec.Name, MemoryMarshal.AsBytes(values.AsSpan()));
            }
            writer.Commit();
        }
    }

    [Theory]
    [InlineData("float32", "merge_method: linear\nmodels:\n  - model: a\n    parameters: {weight: 0.6}\n  - model: b\n    parameters: {weight: 0.3}\n  - model: base\n    parameters: {weight: 0.1}\n")]
    [InlineData("bfloat16", "merge_method: task_arithmetic\nbase_model: base\nparameters: {lambda: 0.9}\nmodels:\n  - model: a\n    parameters: {weight: 0.6}\n  - model: b\n    parameters: {weight: 0.3}\n")]
    [InlineData("bfloat16", "merge_method: ties\nbase_model: base\nmodels:\n  - model: a\n    parameters: {weight: 0.6, density: 0.4}\n  - model: b\n    parameters: {weight: 0.3, density: 0.7}\n")]
    [InlineData("float32", "merge_method: dare_ties\nbase_model: base\nrandom_seed: 4\nmodels:\n  - model: a\n    parameters: {weight: 0.6, density: 0.4}\n  - model: b\n    parameters: {weight: 0.3, density: 0.7}\n")]
    public void Parts_come_in_order_and_equal_the_whole_tensor(string dtype, string yaml)
    {
        WriteModels(dtype == "bfloat16" ? SafeTensorDType.BF16 : SafeTensorDType.F32);
        var plan = MergePlanner.Plan(MergeConfigParser.Parse($"dtype: {dtype}\n" + yaml, _dir.Path));
        var streamed = plan.Tensors.ToDictionary(t => t.OutputName, t => new List<byte>());
        var partCounts = plan.Tensors.ToDictionary(t => t.OutputName, _ => 0);
        using (var executor = new MergeExecutor(plan))
        {
            executor.RunInParts((planned, offset, bytes) =>
            {
                Assert.Equal(streamed[planned.OutputName].Count, offset);
                streamed[planned.OutputName].AddRange(bytes.ToArray());
                partCounts[planned.OutputName]++;
            });
        }
        using var scope = torch.NewDisposeScope();
        using var whole = new MergeExecutor(plan);
        foreach (var planned in plan.Tensors)
            Assert.Equal(whole.MergeOne(planned).bytes.ToArray(), streamed[planned.OutputName].ToArray());
        // Chunks hold the same bytes in either dtype: 262,144 float32 entries or 524,288 bfloat16 ones.
        Assert.Equal(dtype == "bfloat16" ? 2 : 3, partCounts["model.layers.0.mlp.up_proj.weight"]);
        Assert.Equal(1, partCounts["model.norm.weight"]);
    }

    [Fact]
    public void The_merge_command_writes_streamed_tensors_like_whole_ones()
    {
        WriteModels(SafeTensorDType.F32);
        var config = MergeConfigParser.Parse("merge_method: task_arithmetic\nbase_model: base\nmodels:\n  - model: a\n    parameters: {weight: 0.5}\n  - model: b\n    parameters: {weight: 0.5}\n", _dir.Path);
        string output = _dir.Combine("out");
        var options = new MergeJobOptions();
        var plan = MergeJob.Prepare(config, output, options);
        MergeJob.Run(plan, output, options);
        using var merged = SafeTensorsCheckpoint.Open(output);
        using var scope = torch.NewDisposeScope();
        using var executor = new MergeExecutor(plan);
        foreach (var planned in plan.Tensors)
            Assert.Equal(executor.MergeOne(planned).bytes.ToArray(), merged.GetBytes(planned.OutputName).ToArray());
    }

    [Fact]
    public void The_writer_refuses_parts_out_of_order_and_commits_only_complete_tensors()
    {
        var spec = new TensorSpec("t", SafeTensorDType.F32, [4]);
        var data = new byte[16];
        using (var writer = CheckpointWriter.Create(_dir.Combine("gap"), [spec], CheckpointFiles.DefaultShardSize))
        {
            writer.WritePart("t", 0, data.AsSpan(0, 8));
            Assert.Throws<ArgumentException>(() => writer.WritePart("t", 12, data.AsSpan(0, 4)));
            Assert.Throws<ArgumentException>(() => writer.WritePart("t", 8, data.AsSpan(0, 12)));
            Assert.Throws<InvalidOperationException>(() => writer.Write("t", data));
            Assert.Throws<InvalidOperationException>(() => writer.Commit());
        }
        using (var writer = CheckpointWriter.Create(_dir.Combine("whole"), [spec], CheckpointFiles.DefaultShardSize))
        {
            for (int i = 0; i < 16; i++) data[i] = (byte)i;
            writer.WritePart("t", 0, data.AsSpan(0, 8));
            writer.WritePart("t", 8, data.AsSpan(8, 8));
            Assert.Throws<InvalidOperationException>(() => writer.WritePart("t", 16, data.AsSpan(0, 4)));
            writer.Commit();
        }
        using var read = SafeTensorsCheckpoint.Open(_dir.Combine("whole"));
        Assert.Equal(data, read.GetBytes("t").ToArray());
    }
}
