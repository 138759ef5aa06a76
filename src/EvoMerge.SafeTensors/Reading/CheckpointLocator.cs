using EvoMerge.SafeTensors.Errors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.SafeTensors.Reading;

/// <summary>
/// Resolves a checkpoint path: a .safetensors file; an index file; or a folder holding
/// model.safetensors.index.json, model.safetensors, or several *.safetensors without an index.
/// Pickle checkpoints are refused.
/// </summary>
internal static class CheckpointLocator
{
    private const string IndexSuffix = ".safetensors.index.json";

    public static CheckpointLayout Locate(string fileOrFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileOrFolder);
        var fullPath = Path.GetFullPath(fileOrFolder);
        if (File.Exists(fullPath))
        {
            return LocateFile(fullPath);
        }

        if (Directory.Exists(fullPath))
        {
            return LocateFolder(fullPath);
        }

        throw new FileNotFoundException($"{fullPath}: no such checkpoint file or folder.", fullPath);
    }

    private static CheckpointLayout LocateFile(string fullPath)
    {
        if (ForeignFormats.HasPickleExtension(fullPath))
        {
            throw new PickleCheckpointException(fullPath, $"'{Path.GetFileName(fullPath)}' is a PyTorch pickle checkpoint");
        }

        return fullPath.EndsWith(IndexSuffix, StringComparison.Ordinal)
            ? FromIndex(Path.GetDirectoryName(fullPath)!, fullPath)
            : new CheckpointLayout(fullPath, [fullPath], null);
    }

    private static CheckpointLayout LocateFolder(string folder)
    {
        var names = Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>()
            .Order(StringComparer.Ordinal).ToList();

        var indexPath = FindIndex(folder, names);
        if (indexPath is not null)
        {
            return FromIndex(folder, indexPath);
        }

        if (names.Contains(CheckpointFiles.SingleFileName, StringComparer.Ordinal))
        {
            return new CheckpointLayout(folder, [Path.Combine(folder, CheckpointFiles.SingleFileName)], null);
        }

        var safetensors = names.Where(n => n.EndsWith(CheckpointFiles.Extension, StringComparison.Ordinal)).ToList();
        if (safetensors.Count > 0)
        {
            ShardSetCheck.RequireCompleteShardSets(folder, safetensors);
            return new CheckpointLayout(folder, safetensors.Select(n => Path.Combine(folder, n)).ToList(), null);
        }

        var pickles = names.Where(ForeignFormats.HasPickleExtension).ToList();
        if (pickles.Count > 0)
        {
            throw new PickleCheckpointException(folder,
                $"the folder holds no .safetensors file, only PyTorch pickle checkpoints ({string.Join(", ", pickles)})");
        }

        throw new SafeTensorsFormatException(folder, FormatRules.NoCheckpoint,
            "the folder holds no .safetensors file and no model.safetensors.index.json.",
            "Point EvoMerge at a folder with model.safetensors (or shards plus their index) or at a .safetensors file.");
    }

    private static string? FindIndex(string folder, IReadOnlyList<string> names)
    {
        if (names.Contains(CheckpointFiles.IndexFileName, StringComparer.Ordinal))
        {
            return Path.Combine(folder, CheckpointFiles.IndexFileName);
        }

        var others = names.Where(n => n.EndsWith(IndexSuffix, StringComparison.Ordinal)).ToList();
        return others.Count switch
        {
            0 => null,
            1 => Path.Combine(folder, others[0]),
            _ => throw new SafeTensorsFormatException(folder, FormatRules.AmbiguousCheckpoint,
                $"the folder holds several index files ({string.Join(", ", others)}).",
                "Name the index file to use instead of the folder."),
        };
    }

    private static CheckpointLayout FromIndex(string folder, string indexPath)
    {
        var index = ShardIndex.Read(indexPath);
        var files = new List<string>();
        foreach (var shard in index.ShardNames)
        {
            var shardPath = Path.Combine(folder, shard);
            if (!File.Exists(shardPath))
            {
                var listed = index.WeightMap.Count(entry => entry.Value == shard);
                throw new SafeTensorsFormatException(indexPath, FormatRules.MissingShard,
                    $"the index places {listed} tensor(s) in '{shard}', which is not in {folder}.",
                    "The download or copy is incomplete: fetch the missing shard.");
            }

            files.Add(shardPath);
        }

        return new CheckpointLayout(folder, files, index);
    }
}
