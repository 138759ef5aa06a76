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

    /// <param name="nanAt">Entries of model a's large tensor set to NaN.</param>
    void WriteModels(SafeTensorDType dtype, params int[] nanAt)
    {
        var rng = new Rng(11);
        var specs = new[] { new TensorSpec("model.layers.0.mlp.up_proj.weight", dtype, [Rows, Cols]), new TensorSpec("model.norm.weight", dtype, [7]) };
        foreach (var name in new[] { "base", "a", "b" })
        {
            using var writer = CheckpointWriter.Create(_dir.Combine(name), specs, CheckpointFiles.DefaultShardSize);
            foreach (var spec in specs)
            {
                var values = Enumerable.Range(0, (int)spec.Shape.Aggregate(1L, (x, y) => x * y)).Select(_ => (float)rng.NextGaussian()).ToArray();
                if (name == "a" && spec.Shape.Length == 2) foreach (int i in nanAt) values[i] = float.NaN;
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

    const string TaskArithmetic = "merge_method: task_arithmetic\nbase_model: base\nmodels:\n  - model: a\n    parameters: {weight: 0.5}\n  - model: b\n    parameters: {weight: 0.5}\n";

    /// <summary>Inputs are checked block by block on all cores while the kernel runs: the first NaN is still the one reported, once.</summary>
    [Theory]
    [InlineData("float32")]
    [InlineData("bfloat16")]
    public void An_input_nan_is_reported_once_at_its_first_index_whichever_block_holds_it(string dtype)
    {
        // Entries in the second float32 chunk (a middle block of it) and later ones in other blocks and chunks.
        WriteModels(dtype == "bfloat16" ? SafeTensorDType.BF16 : SafeTensorDType.F32, 400_000, 300_001, 600_000);
        var plan = MergePlanner.Plan(MergeConfigParser.Parse($"dtype: {dtype}\n" + TaskArithmetic, _dir.Path));
        var reports = new List<(string Model, long Index)>();
        using var executor = new MergeExecutor(plan) { OnNonFiniteInput = (input, index) => reports.Add((Path.GetFileName(input.Model), index)) };
        executor.RunInParts((_, _, _) => { });
        Assert.Equal([("a", 300_001L)], reports);
    }

    /// <summary>The sink takes one chunk while the next is computed: never two calls at once, and its exception reaches the caller as thrown.</summary>
    [Fact]
    public void The_sink_is_called_one_part_at_a_time_and_its_error_ends_the_merge_unwrapped()
    {
        WriteModels(SafeTensorDType.F32);
        var plan = MergePlanner.Plan(MergeConfigParser.Parse("dtype: float32\n" + TaskArithmetic, _dir.Path));
        int inside = 0, most = 0, parts = 0;
        using var executor = new MergeExecutor(plan);
        var error = Assert.Throws<IOException>(() => executor.RunInParts((_, _, _) =>
        {
            most = Math.Max(most, Interlocked.Increment(ref inside));
            Thread.Sleep(20); // long enough for the next chunk to be computed meanwhile
            Interlocked.Decrement(ref inside);
            if (++parts == 2) throw new IOException("the disk is full");
        }));
        Assert.Equal("the disk is full", error.Message);
        Assert.Equal(1, most);
        Assert.Equal(2, parts);
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
