using System.Diagnostics;
using EvoMerge.SafeTensors.Errors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Reading;
using EvoMerge.SafeTensors.Tests.Support;

namespace EvoMerge.SafeTensors.Tests;

/// <summary>A FIFO named like a checkpoint used to block the reader forever; it is refused before opening.</summary>
public sealed class FifoRefusalTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string MakeFifo(string name)
    {
        var path = _dir.Combine(name);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", path) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>Runs the open on another thread so a regression fails the test instead of hanging the run.</summary>
    private static SafeTensorsFormatException RejectsWithin(string expectedFile, Action open)
    {
        var attempt = Task.Run(() => Assert.Throws<SafeTensorsFormatException>(open));
        Assert.True(attempt.Wait(TimeSpan.FromSeconds(20)), "opening the FIFO blocked");
        var error = attempt.Result;
        Assert.Equal(FormatRules.FileTooSmall, error.Rule);
        Assert.Equal(expectedFile, error.FilePath);
        Assert.Contains("FIFO", error.Message);
        return error;
    }

    [Fact]
    public void Fifo_as_model_safetensors_is_refused_without_blocking()
    {
        var fifo = MakeFifo("model.safetensors");
        RejectsWithin(fifo, () => SafeTensorsFile.ReadHeader(fifo));
        RejectsWithin(fifo, () => SafeTensorsCheckpoint.Open(_dir.Path).Dispose());
        RejectsWithin(fifo, () => SafeTensorsCheckpoint.ReadHeaders(_dir.Path));
    }

    [Fact]
    public void Fifo_as_index_is_refused_without_blocking()
    {
        var fifo = MakeFifo(CheckpointFiles.IndexFileName);
        RejectsWithin(fifo, () => SafeTensorsCheckpoint.ReadHeaders(_dir.Path));
    }
}
