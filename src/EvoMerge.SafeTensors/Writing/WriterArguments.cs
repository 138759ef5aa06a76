using System.Collections.ObjectModel;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Reading;

namespace EvoMerge.SafeTensors.Writing;

/// <summary>Argument checks for <see cref="CheckpointWriter.Create"/>.</summary>
internal static class WriterArguments
{
    public static void Validate(IReadOnlyList<TensorSpec> tensors, long maxShardBytes, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxShardBytes, 1);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tensors.Count; i++)
        {
            var spec = tensors[i] ?? throw new ArgumentException($"tensors[{i}] is null.", nameof(tensors));
            if (string.IsNullOrEmpty(spec.Name) || spec.Name == HeaderParser.MetadataKey)
            {
                throw new ArgumentException($"tensors[{i}] has the name '{spec.Name}', which a safetensors header cannot hold.", nameof(tensors));
            }

            if (!names.Add(spec.Name))
            {
                throw new ArgumentException($"tensor '{spec.Name}' is listed twice.", nameof(tensors));
            }
        }

        if (metadata is not null && metadata.Any(item => item.Key is null || item.Value is null))
        {
            throw new ArgumentException("metadata keys and values must not be null.", nameof(metadata));
        }
    }

    /// <summary>Refuses to write where a checkpoint (or part of one) already is, so no stale file mixes in.</summary>
    public static void RequireNoFinalFiles(string directory, IReadOnlyList<ShardPlan> plans)
    {
        var names = plans.Select(p => p.FileName)
            .Append(CheckpointFiles.SingleFileName)
            .Append(CheckpointFiles.IndexFileName)
            .Distinct(StringComparer.Ordinal);
        var existing = names.Select(n => Path.Combine(directory, n)).Where(File.Exists).ToList();
        if (existing.Count > 0)
        {
            throw new IOException($"{directory}: already holds {string.Join(", ", existing.Select(Path.GetFileName))}; " +
                                  "write the checkpoint to an empty folder.");
        }
    }

    /// <summary>The caller's metadata with "format": "pt" first unless it sets a format.</summary>
    public static IReadOnlyDictionary<string, string> WithFormat(IReadOnlyDictionary<string, string>? metadata)
    {
        var result = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        if (metadata is null || !metadata.ContainsKey("format"))
        {
            result.Add("format", "pt");
        }

        foreach (var (key, value) in metadata ?? ReadOnlyDictionary<string, string>.Empty)
        {
            result.Add(key, value);
        }

        return new ReadOnlyDictionary<string, string>(result);
    }
}
