using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Reading;
using EvoMerge.SafeTensors.Tests.Support;
using EvoMerge.SafeTensors.Writing;

namespace EvoMerge.SafeTensors.Tests;

/// <summary>The writer leaves either a complete checkpoint or nothing that looks like one.</summary>
public sealed class WriterLifecycleTests : IDisposable
{
    private readonly TempFolder _dir = new();

    private readonly IReadOnlyList<TensorSpec> _specs =
    [
        new("a", SafeTensorDType.F32, [4]),
        new("b", SafeTensorDType.F16, [2, 2]),
        new("c", SafeTensorDType.U8, [3]),
    ];

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Temporary_files_are_hidden_until_commit()
    {
        using var writer = CheckpointWriter.Create(_dir.Path, _specs, 16);
        Assert.True(writer.ShardFileNames.Count > 1);
        var names = _dir.FileNames();
        Assert.Equal(writer.ShardFileNames.Count, names.Count);
        Assert.All(names, n => Assert.Matches(@"^\.model-\d{5}-of-\d{5}\.safetensors\.tmp-[0-9a-f]+$", n));
    }

    [Fact]
    public void Commit_with_a_tensor_missing_fails_naming_it_and_can_then_be_completed()
    {
        using var writer = CheckpointWriter.Create(_dir.Path, _specs, 1000);
        writer.Write("a", TestTensors.Pattern(_specs[0]));
        writer.Write("c", TestTensors.Pattern(_specs[2]));
        var error = Assert.Throws<InvalidOperationException>(writer.Commit);
        Assert.Contains("'b'", error.Message);
        Assert.DoesNotContain("'a'", error.Message);
        Assert.DoesNotContain(CheckpointFiles.SingleFileName, _dir.FileNames());

        writer.Write("b", TestTensors.Pattern(_specs[1]));
        writer.Commit();
        Assert.Equal([CheckpointFiles.SingleFileName], _dir.FileNames());
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(8)]
    public void Dispose_without_commit_leaves_no_file(long maxShardBytes)
    {
        using (var writer = CheckpointWriter.Create(_dir.Path, _specs, maxShardBytes))
        {
            TestTensors.WriteAll(writer, _specs);
            Assert.NotEmpty(_dir.FileNames());
        }

        Assert.Empty(_dir.FileNames());
    }

    [Fact]
    public void Writing_a_tensor_twice_is_refused()
    {
        using var writer = CheckpointWriter.Create(_dir.Path, _specs, 1000);
        writer.Write("a", TestTensors.Pattern(_specs[0]));
        var error = Assert.Throws<InvalidOperationException>(() => writer.Write("a", TestTensors.Pattern(_specs[0])));
        Assert.Contains("already written", error.Message);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(0)]
    public void Writing_the_wrong_byte_length_is_refused_and_the_tensor_stays_unwritten(int length)
    {
        using var writer = CheckpointWriter.Create(_dir.Path, _specs, 1000);
        var error = Assert.Throws<ArgumentException>(() => writer.Write("a", new byte[length]));
        Assert.Contains("needs 16 bytes", error.Message);
        TestTensors.WriteAll(writer, _specs);
        writer.Commit();
    }

    [Fact]
    public void Writing_an_unplanned_tensor_is_refused()
    {
        using var writer = CheckpointWriter.Create(_dir.Path, _specs, 1000);
        var error = Assert.Throws<ArgumentException>(() => writer.Write("zzz", new byte[1]));
        Assert.Contains("'zzz'", error.Message);
    }

    [Fact]
    public void Writes_after_commit_are_refused()
    {
        using var writer = CheckpointWriter.Create(_dir.Path, _specs, 1000);
        TestTensors.WriteAll(writer, _specs);
        writer.Commit();
        Assert.Throws<InvalidOperationException>(() => writer.Write("a", TestTensors.Pattern(_specs[0])));
        Assert.Throws<InvalidOperationException>(writer.Commit);
    }

    [Fact]
    public void Writing_over_an_existing_checkpoint_is_refused()
    {
        _dir.WriteBytes(CheckpointFiles.IndexFileName, "{}"u8.ToArray());
        var error = Assert.Throws<IOException>(() => CheckpointWriter.Create(_dir.Path, _specs, 1000));
        Assert.Contains(CheckpointFiles.IndexFileName, error.Message);
        Assert.Equal([CheckpointFiles.IndexFileName], _dir.FileNames());
    }

    [Fact]
    public void Commit_that_fails_midway_rolls_back_every_file_it_created()
    {
        var writer = CheckpointWriter.Create(_dir.Path, _specs, 8);
        TestTensors.WriteAll(writer, _specs);
        // Another process takes the second shard's final name after creation.
        var intruder = _dir.WriteBytes(writer.ShardFileNames[1], [1]);

        Assert.Throws<IOException>(writer.Commit);
        writer.Dispose();
        Assert.Equal([Path.GetFileName(intruder)], _dir.FileNames());
    }

    [Fact]
    public void Missing_output_folder_is_created()
    {
        var folder = Path.Combine(_dir.Path, "nested", "out");
        using var writer = CheckpointWriter.Create(folder, _specs, 1000);
        TestTensors.WriteAll(writer, _specs);
        writer.Commit();
        Assert.True(File.Exists(Path.Combine(folder, CheckpointFiles.SingleFileName)));
    }

    [Fact]
    public void Invalid_plans_are_refused_at_creation()
    {
        Assert.Throws<ArgumentException>(() => CheckpointWriter.Create(_dir.Path, [.. _specs, _specs[0]], 1000));
        Assert.Throws<ArgumentException>(() => CheckpointWriter.Create(_dir.Path, [new("__metadata__", SafeTensorDType.U8, [1])], 1000));
        Assert.Throws<ArgumentException>(() => CheckpointWriter.Create(_dir.Path, [new("", SafeTensorDType.U8, [1])], 1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => CheckpointWriter.Create(_dir.Path, _specs, 0));
        Assert.Throws<ArgumentException>(() => new TensorSpec("neg", SafeTensorDType.U8, [2, -1]));
        Assert.Throws<OverflowException>(() => new TensorSpec("huge", SafeTensorDType.F64, [1L << 40, 1L << 22]));
        Assert.Empty(_dir.FileNames());
    }

    [Fact]
    public void Parallel_writes_of_different_tensors_all_land()
    {
        var specs = Enumerable.Range(0, 64).Select(i => new TensorSpec($"t{i}", SafeTensorDType.F32, [i % 5, 7])).ToList();
        using (var writer = CheckpointWriter.Create(_dir.Path, specs, 600))
        {
            Parallel.ForEach(specs, spec => writer.Write(spec.Name, TestTensors.Pattern(spec)));
            writer.Commit();
        }

        using var checkpoint = SafeTensorsCheckpoint.Open(_dir.Path);
        Assert.All(specs, spec => Assert.Equal(TestTensors.Pattern(spec), checkpoint.GetBytes(spec.Name).ToArray()));
    }
}
