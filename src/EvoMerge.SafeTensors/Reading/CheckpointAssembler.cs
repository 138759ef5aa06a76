using System.Collections.ObjectModel;
using EvoMerge.SafeTensors.Errors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.SafeTensors.Reading;

/// <summary>Combines the headers of a checkpoint's files into one <see cref="CheckpointHeader"/>, checking the index against them.</summary>
internal static class CheckpointAssembler
{
    public static CheckpointHeader Assemble(CheckpointLayout layout, IReadOnlyList<SafeTensorsHeader> headers)
    {
        var tensors = new Dictionary<string, TensorInfo>(StringComparer.Ordinal);
        var fileOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = layout.Index is null
            ? CollectWithoutIndex(headers, tensors, fileOf)
            : CollectFromIndex(layout.Index, headers, tensors, fileOf);

        var metadata = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in headers.SelectMany(h => h.Metadata))
        {
            metadata.TryAdd(item.Key, item.Value);
        }

        return new CheckpointHeader(layout.Location, names.AsReadOnly(),
            new ReadOnlyDictionary<string, TensorInfo>(tensors), new ReadOnlyDictionary<string, string>(fileOf),
            new ReadOnlyDictionary<string, string>(metadata));
    }

    private static List<string> CollectWithoutIndex(
        IReadOnlyList<SafeTensorsHeader> headers, Dictionary<string, TensorInfo> tensors, Dictionary<string, string> fileOf)
    {
        var names = new List<string>();
        foreach (var header in headers)
        {
            foreach (var (name, info) in header.Tensors)
            {
                if (fileOf.TryGetValue(name, out var firstFile))
                {
                    throw new SafeTensorsFormatException(header.Path, FormatRules.DuplicateTensor,
                        $"tensor '{name}' is also in {firstFile}; without an index the files must hold disjoint tensors.");
                }

                tensors.Add(name, info);
                fileOf.Add(name, header.Path);
                names.Add(name);
            }
        }

        return names;
    }

    private static List<string> CollectFromIndex(
        ShardIndex index, IReadOnlyList<SafeTensorsHeader> headers,
        Dictionary<string, TensorInfo> tensors, Dictionary<string, string> fileOf)
    {
        var headerOfShard = headers.ToDictionary(h => Path.GetFileName(h.Path), StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var (name, shard) in index.WeightMap)
        {
            var header = headerOfShard[shard];
            if (!header.Tensors.TryGetValue(name, out var info))
            {
                throw new SafeTensorsFormatException(header.Path, FormatRules.MissingShardTensor,
                    $"{Path.GetFileName(index.IndexPath)} places tensor '{name}' in this shard, but the shard has no such tensor.",
                    "The index and the shards come from different versions: fetch them again.");
            }

            tensors.Add(name, info);
            fileOf.Add(name, header.Path);
            names.Add(name);
        }

        foreach (var header in headers)
        {
            var unlisted = header.Tensors.Keys.FirstOrDefault(name => !fileOf.TryGetValue(name, out var file) || file != header.Path);
            if (unlisted is not null)
            {
                throw new SafeTensorsFormatException(header.Path, FormatRules.TensorNotInIndex,
                    $"the shard holds tensor '{unlisted}', which {Path.GetFileName(index.IndexPath)} does not place in this shard.",
                    "The index and the shards come from different versions: fetch them again.");
            }
        }

        return names;
    }
}
