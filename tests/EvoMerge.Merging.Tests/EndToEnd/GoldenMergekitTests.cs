using System.Runtime.InteropServices;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Execution;
using EvoMerge.Merging.Planning;
using EvoMerge.Merging.Tests.Support;
using EvoMerge.SafeTensors;

namespace EvoMerge.Merging.Tests.EndToEnd;

/// <summary>
/// The whole pipeline (config parsing, planning with parameter precedence, the methods, dtype
/// handling) against the tensors mergekit itself produced for the shared golden configs.
/// </summary>
public class GoldenMergekitTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(RepoPaths.GoldenMergekit, "cases")).Order())
            data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_matches_mergekit(string caseName)
    {
        string dir = Path.Combine(RepoPaths.GoldenMergekit, "cases", caseName);
        var config = MergeConfigParser.ParseFile(Path.Combine(dir, "config.yml"), RepoPaths.GoldenMergekit);
        var plan = MergePlanner.Plan(config);
        var merged = new Dictionary<string, float[]>();
        using (var executor = new MergeExecutor(plan))
            executor.Run((p, t) => merged[p.OutputName] = MemoryMarshal.Cast<byte, float>(TensorLoader.Bytes(t)).ToArray());

        using var expected = SafeTensorsFile.Open(Path.Combine(dir, "expected.safetensors"));
        Assert.Equal(expected.Tensors.Keys.Order(), merged.Keys.Order());
        foreach (var (name, info) in expected.Tensors)
        {
            Assert.Equal(SafeTensorDType.F32, info.DType);
            var want = MemoryMarshal.Cast<byte, float>(expected.GetBytes(name));
            var got = merged[name];
            Assert.Equal(want.Length, got.Length);
            for (int i = 0; i < got.Length; i++)
            {
                double tolerance = 1e-5 + 1e-4 * Math.Abs(want[i]);
                if (Math.Abs(got[i] - want[i]) > tolerance)
                    Assert.Fail($"{caseName}: {name}[{i}] = {got[i]:R}, mergekit {want[i]:R}");
            }
        }
    }
}
