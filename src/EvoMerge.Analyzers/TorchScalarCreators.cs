using System;
using System.Collections.Immutable;
using System.IO;
using System.Reflection;

namespace EvoMerge.Analyzers;

/// <summary>
/// The TorchSharp members that make a Scalar inside and pass on only its handle, as keys of
/// <see cref="TorchMemberKey"/>. The list (TorchSharpScalarCreators.txt, embedded) is made by
/// build/torchsharp-scalar-scan from TorchSharp's IL; remake it when TorchSharp is upgraded.
/// </summary>
public static class TorchScalarCreators
{
    /// <summary>The keys, read once per compiler process (the list is embedded and never changes).</summary>
    public static ImmutableHashSet<string> Keys => LazyKeys.Value;

    static readonly Lazy<ImmutableHashSet<string>> LazyKeys = new(Load);

    static ImmutableHashSet<string> Load()
    {
        using var stream = typeof(TorchScalarCreators).GetTypeInfo().Assembly.GetManifestResourceStream("TorchSharpScalarCreators.txt")
            ?? throw new FileNotFoundException("TorchSharpScalarCreators.txt is not embedded in EvoMerge.Analyzers");
        using var reader = new StreamReader(stream);
        var keys = ImmutableHashSet.CreateBuilder<string>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            if (line.Length > 0 && line[0] != '#')
                keys.Add(line.Trim());
        return keys.ToImmutable();
    }
}
