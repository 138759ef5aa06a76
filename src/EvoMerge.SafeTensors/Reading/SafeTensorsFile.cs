using System.IO.MemoryMappedFiles;
using EvoMerge.SafeTensors.Errors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.SafeTensors.Reading;

/// <summary>
/// One .safetensors file, validated strictly on open and memory-mapped read-only; tensor data is read
/// lazily through views into the mapping. Not safe to use concurrently with <see cref="Dispose"/>.
/// </summary>
public sealed unsafe class SafeTensorsFile : IDisposable
{
    private readonly SafeTensorsHeader _header;
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _dataStart;
    private bool _disposed;

    private SafeTensorsFile(SafeTensorsHeader header, MemoryMappedFile map, MemoryMappedViewAccessor view, byte* fileStart)
    {
        _header = header;
        _map = map;
        _view = view;
        _dataStart = fileStart + header.DataStart;
    }

    public string Path => _header.Path;

    /// <summary>The tensors, ordered by data offset.</summary>
    public IReadOnlyDictionary<string, TensorInfo> Tensors => _header.Tensors;

    public IReadOnlyDictionary<string, string> Metadata => _header.Metadata;

    public SafeTensorsHeader Header => _header;

    /// <summary>Opens, validates and maps a file. Throws <see cref="SafeTensorsFormatException"/> on any format violation.</summary>
    public static SafeTensorsFile Open(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        var stream = OpenRead(fullPath);
        SafeTensorsHeader header;
        MemoryMappedFile? map = null;
        MemoryMappedViewAccessor? view = null;
        try
        {
            header = HeaderReader.Read(stream, fullPath);
            // Map through the stream that was validated, so the mapping is of the same file.
            map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            return new SafeTensorsFile(header, map, view, pointer + view.PointerOffset);
        }
        catch
        {
            view?.Dispose();
            map?.Dispose();
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads and validates only the header (a stream read; no data is mapped).</summary>
    public static SafeTensorsHeader ReadHeader(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        using var stream = OpenRead(fullPath);
        return HeaderReader.Read(stream, fullPath);
    }

    public TensorInfo GetInfo(string name) =>
        _header.Tensors.TryGetValue(name, out var info)
            ? info
            : throw new KeyNotFoundException($"{Path}: no tensor named '{name}' in this file.");

    /// <summary>The tensor's bytes as a view into the mapping (no copy), valid until <see cref="Dispose"/>.</summary>
    /// <exception cref="InvalidOperationException">The tensor is larger than a span can hold (2 GiB); use <see cref="GetPointer"/>.</exception>
    public ReadOnlySpan<byte> GetBytes(string name)
    {
        var info = GetInfo(name);
        if (info.ByteLength > int.MaxValue)
        {
            throw new InvalidOperationException(
                $"{Path}: tensor '{name}' has {info.ByteLength} bytes, more than a span can hold; use GetPointer.");
        }

        return new ReadOnlySpan<byte>(GetPointer(name), (int)info.ByteLength);
    }

    /// <summary>Pointer to the tensor's first byte in the mapping, valid until <see cref="Dispose"/>.</summary>
    public byte* GetPointer(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _dataStart + GetInfo(name).DataBegin;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }

    private static FileStream OpenRead(string fullPath)
    {
        if (ForeignFormats.HasPickleExtension(fullPath))
        {
            throw new PickleCheckpointException(fullPath, $"'{System.IO.Path.GetFileName(fullPath)}' is a PyTorch pickle checkpoint");
        }

        if (File.Exists(fullPath))
        {
            RegularFiles.Require(fullPath);
        }

        return new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
    }
}
