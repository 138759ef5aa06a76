namespace EvoMerge.SafeTensors.Format;

/// <summary>Element types of the safetensors format; header names are given by <see cref="SafeTensorDTypes.ToHeaderName"/>.</summary>
public enum SafeTensorDType
{
    F64,
    F32,
    F16,
    BF16,
    I64,
    I32,
    I16,
    I8,
    U8,
    BOOL,
    U16,
    U32,
    U64,
    F8_E4M3,
    F8_E5M2,
}
