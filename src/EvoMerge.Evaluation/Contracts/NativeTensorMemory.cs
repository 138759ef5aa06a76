using System.Runtime.InteropServices;

namespace EvoMerge.Evaluation;

/// <summary>
/// Unmanaged memory for one merged tensor: unlike a .NET array it may exceed 2 GiB, and it is returned to the
/// allocator the moment it is disposed, so a search's memory does not climb while the garbage collector waits.
/// </summary>
internal sealed unsafe class NativeTensorMemory : SafeHandle
{
    public NativeTensorMemory(long byteLength)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteLength);
        ByteLength = byteLength;
        // One byte for an empty tensor keeps the address valid and distinct.
        SetHandle((IntPtr)NativeMemory.Alloc((nuint)Math.Max(1, byteLength)));
    }

    public long ByteLength { get; }

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
        NativeMemory.Free((void*)handle);
        return true;
    }
}
