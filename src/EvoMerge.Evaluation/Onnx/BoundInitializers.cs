using System.Buffers;
using Microsoft.ML.OnnxRuntime;

namespace EvoMerge.Evaluation.Onnx;

/// <summary>One candidate's tensors as ONNX values over pinned managed memory; disposing unpins them.</summary>
internal sealed class BoundInitializers : IDisposable
{
    private readonly List<string> _names = [];
    private readonly List<OrtValue> _values = [];
    private readonly List<MemoryHandle> _pins = [];

    public IReadOnlyList<string> Names => _names;

    public IReadOnlyList<OrtValue> Values => _values;

    /// <summary>Takes ownership of the pin and the value (the pin must outlive the value).</summary>
    public void Add(string name, MemoryHandle pin, OrtValue value)
    {
        _pins.Add(pin);
        _names.Add(name);
        _values.Add(value);
    }

    public void Dispose()
    {
        foreach (var value in _values)
        {
            value.Dispose();
        }

        foreach (var pin in _pins)
        {
            pin.Dispose();
        }

        _values.Clear();
        _pins.Clear();
        _names.Clear();
    }
}
