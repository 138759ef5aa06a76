// Compiled by MSBuild's RoslynCodeTaskFactory (see LibTorchSharp.targets); runs after the native
// TorchSharp assets are copied to an output or publish folder.
//
// Why: libLibTorchSharp.so 0.107 declares it needs GLIBCXX_3.4.32 from libstdc++.so.6 (GCC 13),
// but the only symbol bound to that version is _ZSt21ios_base_library_initv, a link-time marker
// with no relocation against it. Debian 12 ships GCC 12's libstdc++ (up to 3.4.30), so the loader
// refuses the library. Marking that one Vernaux entry VER_FLG_WEAK lets glibc treat the requirement
// as optional. We patch only the copy in the build output, only when the system libstdc++ lacks the
// version, and only after proving that no other symbol or relocation uses it.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class PatchLibTorchSharpGlibcxx : Task
{
    const string RequiredVersion = "GLIBCXX_3.4.32";
    const string NeededLibrary = "libstdc++.so.6";
    static readonly HashSet<string> HarmlessSymbols = new() { "_ZSt21ios_base_library_initv" };
    const uint ShtRela = 4, ShtDynsym = 11, ShtVerneed = 0x6ffffffe, ShtVersym = 0x6fffffff;
    const ushort VerFlagWeak = 2;

    [Required] public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        if (Libraries.Length == 0) return true;
        string? systemLib = FindSystemLibstdcxx();
        if (systemLib == null)
        {
            Log.LogMessage(MessageImportance.Low, "EvoMerge: no system libstdc++.so.6 found; libLibTorchSharp.so left as shipped.");
            return true;
        }
        if (ContainsAscii(File.ReadAllBytes(systemLib), RequiredVersion + "\0"))
        {
            Log.LogMessage(MessageImportance.Low, $"EvoMerge: {systemLib} provides {RequiredVersion}; no patch needed.");
            return true;
        }
        foreach (var item in Libraries)
        {
            string path = item.GetMetadata("FullPath");
            try
            {
                string outcome = PatchFile(path);
                Log.LogMessage(MessageImportance.Normal, $"EvoMerge: {path}: {outcome}");
            }
            catch (Exception e)
            {
                Log.LogWarning($"EvoMerge: could not patch {path} for Debian 12's libstdc++ ({e.Message}); TorchSharp may fail to load. Set EvoMergePatchLibTorchSharp=false to silence.");
            }
        }
        return true;
    }

    static string? FindSystemLibstdcxx()
    {
        string[] dirs = { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
                          "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib" };
        foreach (var d in dirs)
        {
            string p = Path.Combine(d, NeededLibrary);
            if (File.Exists(p)) return p;
        }
        return null;
    }

    static bool ContainsAscii(byte[] haystack, string needle)
    {
        // The task compiles against netstandard (no spans), so a plain scan.
        byte[] n = Encoding.ASCII.GetBytes(needle);
        for (int i = 0; i + n.Length <= haystack.Length; i++)
        {
            int j = 0;
            while (j < n.Length && haystack[i + j] == n[j]) j++;
            if (j == n.Length) return true;
        }
        return false;
    }

    // Returns what was done; throws when the file is not the ELF layout we expect.
    static string PatchFile(string path)
    {
        byte[] elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException("not a little-endian 64-bit ELF file");

        ulong shoff = U64(elf, 0x28);
        int shentsize = U16(elf, 0x3A), shnum = U16(elf, 0x3C);
        var sections = new List<(uint type, ulong offset, ulong size, uint link, uint info, ulong entsize)>();
        for (int i = 0; i < shnum; i++)
        {
            int h = checked((int)shoff + i * shentsize);
            sections.Add((U32(elf, h + 4), U64(elf, h + 24), U64(elf, h + 32), U32(elf, h + 40), U32(elf, h + 44), U64(elf, h + 56)));
        }
        int verneedIdx = sections.FindIndex(s => s.type == ShtVerneed);
        int dynsymIdx = sections.FindIndex(s => s.type == ShtDynsym);
        int versymIdx = sections.FindIndex(s => s.type == ShtVersym);
        if (verneedIdx < 0 || dynsymIdx < 0 || versymIdx < 0) return "no version requirements; nothing to do";

        var verneed = sections[verneedIdx];
        int strtab = checked((int)sections[(int)verneed.link].offset);
        int entry = checked((int)verneed.offset);
        int? flagsOffset = null;
        ushort versionIndex = 0;
        for (uint n = 0; n < verneed.info; n++)
        {
            int cnt = U16(elf, entry + 2);
            string file = CString(elf, strtab + (int)U32(elf, entry + 4));
            int aux = entry + (int)U32(elf, entry + 8);
            for (int a = 0; a < cnt; a++)
            {
                string name = CString(elf, strtab + (int)U32(elf, aux + 8));
                if (file == NeededLibrary && name == RequiredVersion)
                {
                    flagsOffset = aux + 4;
                    versionIndex = (ushort)U16(elf, aux + 6);
                }
                aux += (int)U32(elf, aux + 12);
            }
            uint next = U32(elf, entry + 12);
            if (next == 0) break;
            entry += (int)next;
        }
        if (flagsOffset == null) return $"does not require {RequiredVersion}; nothing to do";
        if ((U16(elf, flagsOffset.Value) & VerFlagWeak) != 0) return "already patched";

        // Every dynamic symbol bound to the version must be a harmless marker...
        var dynsym = sections[dynsymIdx];
        int dynstr = checked((int)sections[(int)dynsym.link].offset);
        int symCount = (int)(dynsym.size / 24);
        var boundSymbols = new HashSet<int>();
        for (int s = 0; s < symCount; s++)
        {
            int ver = U16(elf, (int)sections[versymIdx].offset + 2 * s) & 0x7fff;
            if (ver != versionIndex) continue;
            string name = CString(elf, dynstr + (int)U32(elf, (int)dynsym.offset + 24 * s));
            if (!HarmlessSymbols.Contains(name))
                throw new InvalidDataException($"symbol {name} uses {RequiredVersion}; refusing to weaken the requirement");
            boundSymbols.Add(s);
        }
        // ...and no relocation may refer to one of them.
        for (int i = 0; i < sections.Count; i++)
        {
            var sec = sections[i];
            if (sec.type != ShtRela || sec.link != dynsymIdx) continue;
            for (ulong r = 0; r < sec.size / 24; r++)
            {
                int sym = (int)(U64(elf, (int)(sec.offset + r * 24 + 8)) >> 32);
                if (boundSymbols.Contains(sym))
                    throw new InvalidDataException($"a relocation uses a symbol of {RequiredVersion}; refusing to weaken the requirement");
            }
        }

        ushort flags = (ushort)(U16(elf, flagsOffset.Value) | VerFlagWeak);
        DateTime stamp = File.GetLastWriteTimeUtc(path);
        using (var fs = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            fs.Position = flagsOffset.Value;
            fs.WriteByte((byte)(flags & 0xff));
            fs.WriteByte((byte)(flags >> 8));
        }
        // Keep the timestamp so incremental copies still see the file as up to date.
        File.SetLastWriteTimeUtc(path, stamp);
        return $"marked the {RequiredVersion} requirement weak (system libstdc++ lacks it)";
    }

    static int U16(byte[] b, int o) => b[o] | (b[o + 1] << 8);
    static uint U32(byte[] b, int o) => BitConverter.ToUInt32(b, o);
    static ulong U64(byte[] b, int o) => BitConverter.ToUInt64(b, o);
    static string CString(byte[] b, int o)
    {
        int end = Array.IndexOf(b, (byte)0, o);
        return Encoding.ASCII.GetString(b, o, end - o);
    }
}
