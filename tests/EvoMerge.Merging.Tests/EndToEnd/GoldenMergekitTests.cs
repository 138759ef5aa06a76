using System.Runtime.InteropServices;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Execution;
using EvoMerge.Merging.Planning;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Reading;

namespace EvoMerge.Merging.Tests.EndToEnd;

/// <summary>
/// The whole pipeline (config parsing, planning with parameter precedence, the methods, dtype
/// handling) against the tensors mergekit itself produced for the shared golden configs, in both
/// golden folders (every case folder found there runs).
/// </summary>
public class GoldenMergekitTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in new[] { "mergekit", "mergekit-more" })
            foreach (var dir in Directory.GetDirectories(Path.Combine(RepoPaths.Shared, "golden", folder, "cases")).Order())
                data.Add(folder, Path.GetFileName(dir));
        return data;
    }

    [Fact]
    public void Both_golden_folders_have_cases()
    {
        var folders = Cases().Select(row => (string)row[0]).Distinct();
        Assert.Equal(["mergekit", "mergekit-more"], folders);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_matches_mergekit(string folder, string caseName)
    {
        string root = Path.Combine(RepoPaths.Shared, "golden", folder);
        string dir = Path.Combine(root, "cases", caseName);
        var config = MergeConfigParser.ParseFile(Path.Combine(dir, "config.yml"), root);
        var plan = MergePlanner.Plan(config);
        var merged = new Dictionary<string, (SafeTensorDType DType, byte[] Bytes)>();
        using (var executor = new MergeExecutor(plan))
            executor.Run((p, t) => merged[p.OutputName] = (p.OutputDType, TensorLoader.Bytes(t).ToArray()));

        using var expected = SafeTensorsFile.Open(Path.Combine(dir, "expected.safetensors"));
        Assert.Equal(expected.Tensors.Keys.Order(), merged.Keys.Order());
        foreach (var (name, info) in expected.Tensors)
        {
            Assert.Equal(info.DType, merged[name].DType);
            var want = Floats(info.DType, expected.GetBytes(name));
            var got = Floats(info.DType, merged[name].Bytes);
            Assert.Equal(want.Length, got.Length);
            // bfloat16 results pass within about two bfloat16 steps (the golden README's tolerance):
            // rounding once from float32 is as acceptable as mergekit's bfloat16 arithmetic.
            var (absolute, relative) = info.DType == SafeTensorDType.BF16 ? (1e-3, 8e-3) : (1e-5, 1e-4);
            for (int i = 0; i < got.Length; i++)
                if (Math.Abs(got[i] - want[i]) > absolute + relative * Math.Abs(want[i]))
                    Assert.Fail($"{folder}/{caseName}: {name}[{i}] = {got[i]:R}, mergekit {want[i]:R}");
        }
    }

    static float[] Floats(SafeTensorDType dtype, ReadOnlySpan<byte> bytes) => dtype switch
    {
        SafeTensorDType.F32 => MemoryMarshal.Cast<byte, float>(bytes).ToArray(),
        SafeTensorDType.BF16 => MemoryMarshal.Cast<byte, ushort>(bytes).ToArray().Select(b => BitConverter.UInt32BitsToSingle((uint)b << 16)).ToArray(),
        _ => throw new InvalidDataException($"golden outputs are F32 or BF16, not {dtype}"),
    };
}
