namespace EvoMerge.SafeTensors.Format;

/// <summary>Element sizes and header names of <see cref="SafeTensorDType"/>.</summary>
public static class SafeTensorDTypes
{
    /// <summary>Every element type, in declaration order.</summary>
    public static IReadOnlyList<SafeTensorDType> All { get; } = Enum.GetValues<SafeTensorDType>();

    /// <summary>Bytes per element.</summary>
    public static int SizeOf(SafeTensorDType t) => t switch
    {
        SafeTensorDType.F64 or SafeTensorDType.I64 or SafeTensorDType.U64 => 8,
        SafeTensorDType.F32 or SafeTensorDType.I32 or SafeTensorDType.U32 => 4,
        SafeTensorDType.F16 or SafeTensorDType.BF16 or SafeTensorDType.I16 or SafeTensorDType.U16 => 2,
        SafeTensorDType.I8 or SafeTensorDType.U8 or SafeTensorDType.BOOL
            or SafeTensorDType.F8_E4M3 or SafeTensorDType.F8_E5M2 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "not a safetensors dtype"),
    };

    /// <summary>The name used in the header's <c>dtype</c> field, e.g. "F32", "BF16", "F8_E4M3".</summary>
    public static string ToHeaderName(SafeTensorDType t)
    {
        if (!Enum.IsDefined(t))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "not a safetensors dtype");
        }

        // The enum member names are the header names by construction.
        return t.ToString();
    }

    /// <summary>Parses a header <c>dtype</c> name; exact and case-sensitive, as the format defines them.</summary>
    public static bool TryParse(string headerName, out SafeTensorDType t)
    {
        ArgumentNullException.ThrowIfNull(headerName);
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToString(), headerName, StringComparison.Ordinal))
            {
                t = candidate;
                return true;
            }
        }

        t = default;
        return false;
    }
}
