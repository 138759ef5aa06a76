namespace EvoMerge.SafeTensors.Writing;

/// <summary>Turns finished temporary shards into the final checkpoint: shards renamed first, the index written and renamed last.</summary>
internal static class CheckpointPublisher
{
    /// <summary>On failure, removes the final files it already created; the caller deletes the remaining temporaries.</summary>
    public static void Publish(string directory, IReadOnlyList<ShardFile> shards, string? indexFileName)
    {
        foreach (var shard in shards)
        {
            shard.Dispose();
        }

        var created = new List<string>();
        try
        {
            foreach (var shard in shards)
            {
                File.Move(shard.TempPath, shard.FinalPath, overwrite: false);
                created.Add(shard.FinalPath);
            }

            if (indexFileName is not null)
            {
                WriteIndex(directory, indexFileName, shards);
            }
        }
        catch
        {
            created.ForEach(TryDelete);
            throw;
        }
    }

    /// <summary>Best effort: cleanup runs on error paths and in Dispose, which must not throw over the original error.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void WriteIndex(string directory, string indexFileName, IReadOnlyList<ShardFile> shards)
    {
        var tempIndex = ShardFile.TempPathFor(directory, indexFileName);
        try
        {
            using (var stream = new FileStream(tempIndex, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(IndexWriter.Build(shards.Select(s => s.Plan).ToList()));
            }

            File.Move(tempIndex, Path.Combine(directory, indexFileName), overwrite: false);
        }
        catch
        {
            TryDelete(tempIndex);
            throw;
        }
    }
}
