namespace EvoMerge.SafeTensors.Errors;

/// <summary>Stable ids of the rules a checkpoint can break; used as <see cref="SafeTensorsFormatException.Rule"/>.</summary>
public static class FormatRules
{
    public const string FileTooSmall = "file-too-small";
    public const string HeaderTooLarge = "header-too-large";
    public const string GitLfsPointer = "git-lfs-pointer";
    public const string HeaderPastEnd = "header-past-end";
    public const string HeaderNotUtf8 = "header-not-utf8";
    public const string InvalidJson = "invalid-json";
    public const string UnknownDType = "unknown-dtype";
    public const string DuplicateTensor = "duplicate-tensor";
    public const string OffsetGap = "offset-gap";
    public const string OffsetOverlap = "offset-overlap";
    public const string SizeMismatch = "size-mismatch";
    public const string SizeOverflow = "size-overflow";
    public const string BufferLengthMismatch = "buffer-length-mismatch";
    public const string InvalidIndex = "invalid-index";
    public const string MissingShard = "missing-shard";
    public const string MissingShardTensor = "missing-shard-tensor";
    public const string TensorNotInIndex = "tensor-not-in-index";
    public const string NoCheckpoint = "no-checkpoint";
    public const string AmbiguousCheckpoint = "ambiguous-checkpoint";
}
