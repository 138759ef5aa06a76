using System.Text;

namespace EvoMerge.Merging.Tests.Torch;

// Checks what the build did to the native library next to this test assembly: on a system whose
// libstdc++ lacks GLIBCXX_3.4.32 the requirement must be weak; where it has it, untouched.
public class LibTorchSharpPatchTests
{
    const ushort VerFlagWeak = 2;

    [Fact]
    public void Requirement_is_weak_exactly_when_the_system_lacks_the_version()
    {
        string lib = Directory.GetFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories)
            .First();
        ushort flags = ReadVernauxFlags(File.ReadAllBytes(lib), "libstdc++.so.6", "GLIBCXX_3.4.32");
        bool systemHasIt = new[] { "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" }
            .Where(File.Exists)
            .Any(p => File.ReadAllBytes(p).AsSpan().IndexOf(Encoding.ASCII.GetBytes("GLIBCXX_3.4.32\0")) >= 0);
        Assert.Equal(!systemHasIt, (flags & VerFlagWeak) != 0);
    }

    // Independent minimal reader of .gnu.version_r, written for the test.
    static ushort ReadVernauxFlags(byte[] elf, string file, string version)
    {
        long shoff = BitConverter.ToInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A), shnum = BitConverter.ToUInt16(elf, 0x3C);
        for (int i = 0; i < shnum; i++)
        {
            int h = (int)shoff + i * shentsize;
            if (BitConverter.ToUInt32(elf, h + 4) != 0x6ffffffe) continue;
            int off = (int)BitConverter.ToInt64(elf, h + 24);
            int link = BitConverter.ToInt32(elf, h + 40), count = BitConverter.ToInt32(elf, h + 44);
            int strtab = (int)BitConverter.ToInt64(elf, (int)shoff + link * shentsize + 24);
            string Str(int o) => Encoding.ASCII.GetString(elf, strtab + o, Array.IndexOf(elf, (byte)0, strtab + o) - strtab - o);
            for (int n = 0, e = off; n < count; n++, e += BitConverter.ToInt32(elf, e + 12))
            {
                int aux = e + BitConverter.ToInt32(elf, e + 8);
                for (int a = 0; a < BitConverter.ToUInt16(elf, e + 2); a++, aux += BitConverter.ToInt32(elf, aux + 12))
                    if (Str(BitConverter.ToInt32(elf, e + 4)) == file && Str(BitConverter.ToInt32(elf, aux + 8)) == version)
                        return BitConverter.ToUInt16(elf, aux + 4);
            }
        }
        throw new InvalidOperationException($"{version} requirement not found");
    }
}
