using TorchSharp;

namespace EvoMerge.Models.Torch;

/// <summary>
/// TorchSharp Scalars that stay alive until this scope is disposed. TorchSharp hands libtorch only a
/// Scalar's native handle, so a Scalar made on the fly (<c>x.mul_(2)</c>, <c>a + b</c>, whose alpha is 1)
/// can be finalized, and its native memory freed, while libtorch still reads it. Code that calls
/// TorchSharp takes its Scalars from here instead (analyzer rule EM0001, docs/analyzers.md):
/// <code>using var held = new HeldScalars(); x.mul_(held[2]).sub_(held[1]); a.add_(b, held[1]);</code>
/// An int or long gives an integral Scalar, a float or double a floating one, as TorchSharp's own
/// conversions do. Equal values share one Scalar, so a loop does not grow the scope.
/// </summary>
public sealed class HeldScalars : IDisposable
{
    readonly List<(object Value, Scalar Scalar)> _held = new(4);
    bool _disposed;

    public Scalar this[int value] => Hold((long)value, static v => ((long)v).ToScalar());
    public Scalar this[long value] => Hold(value, static v => ((long)v).ToScalar());
    public Scalar this[float value] => Hold((double)value, static v => ((double)v).ToScalar());
    public Scalar this[double value] => Hold(value, static v => ((double)v).ToScalar());
    public Scalar this[bool value] => Hold(value, static v => ((bool)v).ToScalar());

    Scalar Hold(object value, Func<object, Scalar> make)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var (held, scalar) in _held)
            if (held.Equals(value))   // boxed equality keeps 1 (integral) and 1.0 (floating) apart
                return scalar;
#pragma warning disable EM0001 // held from here on: this list is what keeps it alive
        var made = make(value);
#pragma warning restore EM0001
        _held.Add((value, made));
        return made;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var (_, scalar) in _held)
            scalar.Dispose();
        _held.Clear();
    }
}
