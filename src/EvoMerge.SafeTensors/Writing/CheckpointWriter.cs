using EvoMerge.SafeTensors.Format;

namespace EvoMerge.SafeTensors.Writing;

/// <summary>
/// Writes a (possibly sharded) safetensors checkpoint whose layout is known up front: headers are written at
/// creation, then each tensor's data is written once, in any order, straight to its offset (no buffering beyond
/// the caller's data). <see cref="Commit"/> renames the temporary files to their final names, the index last;
/// disposing without committing deletes them. <see cref="Write(string, ReadOnlySpan{byte})"/> may be called from
/// several threads for different tensors, but not concurrently with <see cref="Commit"/> or <see cref="Dispose"/>.
/// </summary>
public sealed unsafe class CheckpointWriter : IDisposable
{
    /// <summary>Largest chunk handed to one write call, well below the 2 GiB span limit.</summary>
    private const int MaxChunkBytes = 1 << 30;

    private readonly object _gate = new();
    private readonly IReadOnlyList<ShardFile> _shards;
    private readonly IReadOnlyDictionary<string, (ShardFile Shard, PlacedTensor Tensor)> _placement;
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _partBytes = new(StringComparer.Ordinal);
    private State _state = State.Open;

    private CheckpointWriter(string outputDirectory, IReadOnlyList<ShardFile> shards)
    {
        OutputDirectory = outputDirectory;
        _shards = shards;
        _placement = shards
            .SelectMany(shard => shard.Plan.Tensors.Select(tensor => (shard, tensor)))
            .ToDictionary(p => p.tensor.Spec.Name, p => (p.shard, p.tensor), StringComparer.Ordinal);
        ShardFileNames = shards.Select(s => s.Plan.FileName).ToList().AsReadOnly();
        IndexFileName = shards.Count > 1 ? CheckpointFiles.IndexFileName : null;
    }

    private enum State { Open, Committed, Closed }

    public string OutputDirectory { get; }

    /// <summary>Final shard file names, in order.</summary>
    public IReadOnlyList<string> ShardFileNames { get; }

    /// <summary>"model.safetensors.index.json" when there are several shards, else null.</summary>
    public string? IndexFileName { get; }

    /// <summary>
    /// Plans the shards and writes their headers to temporary files in <paramref name="outputDirectory"/>
    /// (created if missing). The shards' <c>__metadata__</c> is <paramref name="metadata"/> plus
    /// "format": "pt" unless given, since transformers refuses safetensors metadata without a known format.
    /// </summary>
    public static CheckpointWriter Create(
        string outputDirectory, IReadOnlyList<TensorSpec> tensors, long maxShardBytes,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        WriterArguments.Validate(tensors, maxShardBytes, metadata);
        var directory = Path.GetFullPath(outputDirectory);
        var plans = ShardPlanner.Plan(tensors, maxShardBytes);
        WriterArguments.RequireNoFinalFiles(directory, plans);
        Directory.CreateDirectory(directory);

        var shardMetadata = WriterArguments.WithFormat(metadata);
        var shards = new List<ShardFile>();
        try
        {
            foreach (var plan in plans)
            {
                shards.Add(ShardFile.Create(directory, plan, shardMetadata));
            }
        }
        catch
        {
            DeleteTemporaries(shards);
            throw;
        }

        return new CheckpointWriter(directory, shards);
    }

    /// <summary>Writes one tensor's data; its length must equal the planned byte length. Each tensor is written once.</summary>
    public void Write(string name, ReadOnlySpan<byte> data)
    {
        var (shard, tensor) = Reserve(name, data.Length);
        try
        {
            RandomAccess.Write(shard.Handle, data, shard.DataStart + tensor.DataBegin);
        }
        catch
        {
            Release(name);
            throw;
        }
    }

    /// <summary>
    /// Writes the next part of one tensor's data: parts come in order (<paramref name="offset"/> is the byte count
    /// written so far), and the tensor counts as written once its parts cover its byte length. Lets a producer
    /// stream a tensor through a small buffer instead of holding all of it.
    /// </summary>
    public void WritePart(string name, long offset, ReadOnlySpan<byte> data)
    {
        var (shard, tensor) = ReservePart(name, offset, data.Length);
        try
        {
            RandomAccess.Write(shard.Handle, data, shard.DataStart + tensor.DataBegin + offset);
        }
        catch
        {
            ReleasePart(name, offset);
            throw;
        }
    }

    /// <summary>Writes one tensor's data from native memory (for tensors over 2 GiB, or straight from a TorchSharp tensor).</summary>
    public void Write(string name, byte* data, long byteLength)
    {
        if (data == null && byteLength > 0)
        {
            throw new ArgumentNullException(nameof(data));
        }

        var (shard, tensor) = Reserve(name, byteLength);
        try
        {
            for (long done = 0; done < byteLength; done += MaxChunkBytes)
            {
                var chunk = (int)Math.Min(MaxChunkBytes, byteLength - done);
                RandomAccess.Write(shard.Handle, new ReadOnlySpan<byte>(data + done, chunk), shard.DataStart + tensor.DataBegin + done);
            }
        }
        catch
        {
            Release(name);
            throw;
        }
    }

    /// <summary>
    /// Checks every tensor was written, closes the files and renames them to their final names (the index last).
    /// Not fsynced: a crash can leave only temporary files or an incomplete shard set without an index.
    /// </summary>
    public void Commit()
    {
        lock (_gate)
        {
            RequireOpen();
            var missing = _placement.Keys.Where(name => !_written.Contains(name)).ToList();
            if (missing.Count > 0)
            {
                var shown = string.Join(", ", missing.Take(10).Select(n => $"'{n}'"));
                var more = missing.Count > 10 ? $" and {missing.Count - 10} more" : "";
                throw new InvalidOperationException(
                    $"{OutputDirectory}: cannot commit, {missing.Count} tensor(s) were never written: {shown}{more}.");
            }

            _state = State.Closed;
            try
            {
                CheckpointPublisher.Publish(OutputDirectory, _shards, IndexFileName);
            }
            catch
            {
                DeleteTemporaries(_shards);
                throw;
            }

            _state = State.Committed;
        }
    }

    /// <summary>Without a successful <see cref="Commit"/>, deletes every file this writer created.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_state == State.Open)
            {
                _state = State.Closed;
                DeleteTemporaries(_shards);
            }
        }
    }

    private (ShardFile Shard, PlacedTensor Tensor) Reserve(string name, long byteLength)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            RequireOpen();
            if (!_placement.TryGetValue(name, out var placement))
            {
                throw new ArgumentException($"{OutputDirectory}: tensor '{name}' is not in the planned checkpoint.", nameof(name));
            }

            if (byteLength != placement.Tensor.Spec.ByteLength)
            {
                var spec = placement.Tensor.Spec;
                throw new ArgumentException(
                    $"{OutputDirectory}: tensor '{name}' ({spec.DType} {ShapeMath.Format(spec.Shape)}) needs " +
                    $"{spec.ByteLength} bytes, got {byteLength}.", nameof(byteLength));
            }

            if (_partBytes.ContainsKey(name) || !_written.Add(name))
            {
                throw new InvalidOperationException($"{OutputDirectory}: tensor '{name}' was already written.");
            }

            return placement;
        }
    }

    private (ShardFile Shard, PlacedTensor Tensor) ReservePart(string name, long offset, long byteLength)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            RequireOpen();
            if (!_placement.TryGetValue(name, out var placement))
            {
                throw new ArgumentException($"{OutputDirectory}: tensor '{name}' is not in the planned checkpoint.", nameof(name));
            }

            if (_written.Contains(name))
            {
                throw new InvalidOperationException($"{OutputDirectory}: tensor '{name}' was already written.");
            }

            long done = _partBytes.GetValueOrDefault(name);
            long total = placement.Tensor.Spec.ByteLength;
            if (offset != done || byteLength <= 0 || offset + byteLength > total)
            {
                throw new ArgumentException(
                    $"{OutputDirectory}: tensor '{name}': a part of {byteLength} bytes at offset {offset} does not continue " +
                    $"its {done} bytes written so far within its {total} bytes.", nameof(offset));
            }

            _partBytes[name] = offset + byteLength;
            if (offset + byteLength == total)
            {
                _written.Add(name);
            }

            return placement;
        }
    }

    private void ReleasePart(string name, long offset)
    {
        lock (_gate)
        {
            _written.Remove(name);
            _partBytes[name] = offset;
        }
    }

    private void Release(string name)
    {
        lock (_gate)
        {
            _written.Remove(name);
        }
    }

    private void RequireOpen()
    {
        ObjectDisposedException.ThrowIf(_state == State.Closed, this);
        if (_state == State.Committed)
        {
            throw new InvalidOperationException($"{OutputDirectory}: the checkpoint is already committed.");
        }
    }

    private static void DeleteTemporaries(IEnumerable<ShardFile> shards)
    {
        foreach (var shard in shards)
        {
            shard.Dispose();
            CheckpointPublisher.TryDelete(shard.TempPath);
        }
    }
}
