using System.Runtime.InteropServices;

namespace EvoMerge.Evaluation.Contracts;

/// <summary>
/// Unmanaged memory for one merged tensor: unlike a .NET array it may exceed 2 GiB, and it is released the moment it
/// is disposed, so a search's memory does not climb while the garbage collector waits. It is either allocated here
/// or lent by an owner (a TorchSharp tensor the merge was materialized into), which disposal then disposes.
/// </summary>
internal sealed unsafe class NativeTensorMemory : SafeHandle
{
    private readonly IDisposable? _owner;

    public NativeTensorMemory(long byteLength)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteLength);
        ByteLength = byteLength;
        // One byte for an empty tensor keeps the address valid and distinct.
        SetHandle((IntPtr)NativeMemory.Alloc((nuint)Math.Max(1, byteLength)));
    }

    /// <summary>Memory at <paramref name="start"/> that <paramref name="owner"/> keeps valid until it is disposed.</summary>
    public NativeTensorMemory(IntPtr start, long byteLength, IDisposable owner)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteLength);
        ArgumentNullException.ThrowIfNull(owner);
        if (start == IntPtr.Zero)
        {
            throw new ArgumentException("the memory's address is null.", nameof(start));
        }

        ByteLength = byteLength;
        _owner = owner;
        SetHandle(start);
    }

    public long ByteLength { get; }

    /// <summary>Who lent the memory (null when it was allocated here).</summary>
    public IDisposable? Owner => _owner;

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The first byte; valid until disposal.</summary>
    public byte* Start
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return (byte*)handle;
        }
    }

    protected override bool ReleaseHandle()
    {
        if (_owner is null)
        {
            NativeMemory.Free((void*)handle);
        }
        else
        {
            _owner.Dispose();
        }

        return true;
    }
}
