using TorchSharp;

namespace EvoMerge.Models.Torch;

/// <summary>
/// TorchSharp Scalars that stay alive until this scope is disposed. TorchSharp hands libtorch only a
/// Scalar's native handle, so a Scalar made on the fly (<c>x.mul_(2)</c>, <c>a + b</c>, whose alpha is 1)
/// can be finalized, and its native memory freed, while libtorch still reads it. Code that calls
/// TorchSharp takes its Scalars from here instead (analyzer rule EM0001, docs/analyzers.md):
/// <code>using var held = new HeldScalars(); x.mul_(held[2]).sub_(held[1]); a.add_(b, held[1]);</code>
/// An int or long gives an integral Scalar, a float or double a floating one, as TorchSharp's own
/// conversions do. Equal values (bit for bit, so 0.0 and -0.0 stay apart) share one Scalar, so a loop
/// does not grow the scope.
/// </summary>
// The one place where Scalars are made and handed out: EM0001 cannot see that the list below holds them.
#pragma warning disable EM0001
public sealed class HeldScalars : IDisposable
{
    enum Kind : byte { Integral, Floating, Boolean }

    readonly List<(Kind Kind, long Bits, Scalar Scalar)> _held = new(4);
    bool _disposed;

    public Scalar this[int value] => this[(long)value];
    public Scalar this[long value] => Find(Kind.Integral, value) ?? Keep(Kind.Integral, value, value.ToScalar());
    public Scalar this[float value] => this[(double)value];   // TorchSharp widens a float Scalar to double too
    public Scalar this[double value] =>
        Find(Kind.Floating, BitConverter.DoubleToInt64Bits(value)) ?? Keep(Kind.Floating, BitConverter.DoubleToInt64Bits(value), value.ToScalar());
    public Scalar this[bool value] => Find(Kind.Boolean, value ? 1 : 0) ?? Keep(Kind.Boolean, value ? 1 : 0, value.ToScalar());

    Scalar? Find(Kind kind, long bits)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var held in _held)
            if (held.Kind == kind && held.Bits == bits)
                return held.Scalar;
        return null;
    }

    // A made Scalar joins the list before any native call sees it; from then on the list keeps it alive.
    Scalar Keep(Kind kind, long bits, Scalar scalar)
    {
        _held.Add((kind, bits, scalar));
        return scalar;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var held in _held)
            held.Scalar.Dispose();
        _held.Clear();
    }
}
#pragma warning restore EM0001
