using System.Diagnostics;

namespace EvoMerge.Cli.Tests;

/// <summary>
/// run.sh rebuilds the CLI only for real source changes: files that builds and tests write under
/// src/*/bin and src/*/obj (project.assets.json, *.deps.json) must not trigger a rebuild. Exercised on a
/// copy of run.sh in a scratch tree through `run.sh --build-status`, which builds nothing.
/// </summary>
public sealed class RunShBuildStatusTests : IDisposable
{
    readonly TempFolder _root = new();
    readonly DateTime _past = DateTime.UtcNow.AddHours(-2);
    readonly DateTime _built = DateTime.UtcNow.AddHours(-1);

    public RunShBuildStatusTests()
    {
        File.Copy(Path.Combine(RepoPaths.Root, "run.sh"), _root.Combine("run.sh"));
        foreach (var file in new[] { "src/EvoMerge.Cli/Program.cs", "src/EvoMerge.Cli/EvoMerge.Cli.csproj", "build/Patch.targets", "Directory.Packages.props" })
            Write(file, _past);
    }

    public void Dispose() => _root.Dispose();

    void Write(string relative, DateTime time)
    {
        string path = _root.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        File.SetLastWriteTimeUtc(path, time);
    }

    void MarkBuilt()
    {
        Write(".build/cli/evomerge.dll", _built);
        Write(".build/cli/.built", _built);
    }

    string BuildStatus()
    {
        var start = new ProcessStartInfo("bash", [_root.Combine("run.sh"), "--build-status"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);
        return output.Trim();
    }

    [Fact]
    public void Without_a_build_it_says_the_first_build_restores_packages()
    {
        Assert.StartsWith("first build: restores NuGet packages", BuildStatus());
    }

    [Fact]
    public void Files_written_under_bin_and_obj_do_not_trigger_a_rebuild()
    {
        MarkBuilt();
        Write("src/EvoMerge.Cli/obj/project.assets.json", DateTime.UtcNow);
        Write("src/EvoMerge.Cli/obj/Release/net10.0/EvoMerge.Cli.AssemblyInfo.cs", DateTime.UtcNow);
        Write("src/EvoMerge.Core/bin/Release/net10.0/EvoMerge.Core.deps.json", DateTime.UtcNow);

        Assert.Equal("up to date", BuildStatus());
    }

    [Theory]
    [InlineData("src/EvoMerge.Cli/Program.cs")]
    [InlineData("src/EvoMerge.Search/Config/NewField.cs")]
    [InlineData("src/EvoMerge.Cli/EvoMerge.Cli.csproj")]
    [InlineData("build/Patch.targets")]
    [InlineData("src/EvoMerge.Dashboard/wwwroot/app.css")]
    [InlineData("Directory.Packages.props")]
    public void A_changed_source_triggers_a_rebuild_and_is_named(string file)
    {
        MarkBuilt();
        Write(file, DateTime.UtcNow);

        Assert.Equal($"{file} changed", BuildStatus());
    }
}
