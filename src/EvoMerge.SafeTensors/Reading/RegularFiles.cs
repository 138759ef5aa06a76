using EvoMerge.SafeTensors.Errors;

namespace EvoMerge.SafeTensors.Reading;

/// <summary>
/// Refuses paths that are not regular files before they are opened: opening a FIFO for reading blocks
/// until some writer appears (forever, in practice), and a device never ends.
/// </summary>
public static class RegularFiles
{
    /// <summary>
    /// True for a regular file with data, following symbolic links. .NET exposes no file type, so this relies
    /// on what stat reports: FIFOs, sockets and devices have no size (and no checkpoint or sidecar is empty).
    /// </summary>
    public static bool IsRegularWithData(string path)
    {
        FileSystemInfo info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
        }

        return info is FileInfo { Exists: true, Length: > 0 };
    }

    /// <summary>Throws a <see cref="SafeTensorsFormatException"/> naming <paramref name="path"/> unless it is a regular file with data.</summary>
    public static void Require(string path)
    {
        if (!IsRegularWithData(path))
        {
            throw new SafeTensorsFormatException(path, FormatRules.FileTooSmall,
                "the file has 0 bytes: it is empty, or not a regular file (a FIFO, socket or device), so it cannot be read as a checkpoint.",
                "Point at a regular .safetensors (or index) file; fetch it again if it is empty.");
        }
    }
}
