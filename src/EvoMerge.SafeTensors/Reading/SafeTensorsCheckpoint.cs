using EvoMerge.SafeTensors.Format;

namespace EvoMerge.SafeTensors.Reading;

/// <summary>
/// A whole checkpoint: one .safetensors file, a folder with model.safetensors, a sharded folder with
/// model.safetensors.index.json, or a folder of several .safetensors files without an index (disjoint tensor sets).
/// Every file is validated strictly and memory-mapped; tensor data is read lazily.
/// </summary>
public sealed unsafe class SafeTensorsCheckpoint : IDisposable
{
    private readonly CheckpointHeader _header;
    private readonly IReadOnlyDictionary<string, SafeTensorsFile> _files;
    private bool _disposed;

    private SafeTensorsCheckpoint(CheckpointHeader header, IReadOnlyDictionary<string, SafeTensorsFile> files)
    {
        _header = header;
        _files = files;
    }

    /// <summary>The file or folder the checkpoint was opened from (full path).</summary>
    public string Location => _header.Location;

    public IReadOnlyList<string> TensorNames => _header.TensorNames;

    public CheckpointHeader Header => _header;

    public IReadOnlyDictionary<string, string> Metadata => _header.Metadata;

    public static SafeTensorsCheckpoint Open(string fileOrFolder)
    {
        var layout = CheckpointLocator.Locate(fileOrFolder);
        var files = new Dictionary<string, SafeTensorsFile>(StringComparer.Ordinal);
        try
        {
            foreach (var path in layout.Files)
            {
                files.Add(path, SafeTensorsFile.Open(path));
            }

            var header = CheckpointAssembler.Assemble(layout, files.Values.Select(f => f.Header).ToList());
            return new SafeTensorsCheckpoint(header, files);
        }
        catch
        {
            foreach (var file in files.Values)
            {
                file.Dispose();
            }

            throw;
        }
    }

    /// <summary>Reads and validates the headers of every file (and the index) without mapping any data.</summary>
    public static CheckpointHeader ReadHeaders(string fileOrFolder)
    {
        var layout = CheckpointLocator.Locate(fileOrFolder);
        var headers = layout.Files.Select(SafeTensorsFile.ReadHeader).ToList();
        return CheckpointAssembler.Assemble(layout, headers);
    }

    public bool Contains(string name) => _header.Tensors.ContainsKey(name);

    public TensorInfo GetInfo(string name) =>
        _header.Tensors.TryGetValue(name, out var info)
            ? info
            : throw new KeyNotFoundException($"{Location}: the checkpoint has no tensor named '{name}'.");

    /// <summary>Full path of the file holding the tensor.</summary>
    public string FileOf(string name)
    {
        GetInfo(name);
        return _header.FileOfTensor[name];
    }

    /// <inheritdoc cref="SafeTensorsFile.GetBytes"/>
    public ReadOnlySpan<byte> GetBytes(string name) => FileHolding(name).GetBytes(name);

    /// <inheritdoc cref="SafeTensorsFile.GetPointer"/>
    public byte* GetPointer(string name) => FileHolding(name).GetPointer(name);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var file in _files.Values)
        {
            file.Dispose();
        }
    }

    private SafeTensorsFile FileHolding(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _files[FileOf(name)];
    }
}
