using System.Runtime.InteropServices;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Writing;

namespace EvoMerge.Merging.Methods.Papers;

/// <summary>
/// Where a model's diagonal Fisher information lives: a float32 safetensors checkpoint in the
/// subfolder <c>fisher/</c> of the model folder, with the model's tensor names and shapes. A
/// subfolder, so that the model folder's own shard list is unchanged.
/// </summary>
public static class FisherFiles
{
    public const string FolderName = "fisher";

    public static string Folder(string modelFolder) => Path.Combine(modelFolder, FolderName);

    /// <summary>Writes (or replaces) a model's Fisher checkpoint in its <c>fisher/</c> subfolder (see <see cref="WriteFolder"/>).</summary>
    public static void Write(string modelFolder, IReadOnlyList<(string Name, long[] Shape, float[] Values)> tensors) =>
        WriteFolder(Folder(modelFolder), tensors);

    /// <summary>
    /// Writes (or replaces) a Fisher checkpoint in <paramref name="folder"/>: into a temporary sibling folder first,
    /// which then takes the place of the old one, so a reader never sees half a checkpoint.
    /// </summary>
    public static void WriteFolder(string folder, IReadOnlyList<(string Name, long[] Shape, float[] Values)> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        foreach (var (name, shape, values) in tensors)
            if (shape.Aggregate(1L, (a, b) => a * b) != values.Length)
                throw new ArgumentException($"Fisher tensor '{name}' has {values.Length} values for shape [{string.Join(", ", shape)}].");
        string final = Path.GetFullPath(folder);
        string temporary = final + ".tmp-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        try
        {
            using (var writer = CheckpointWriter.Create(temporary, [.. tensors.Select(t => new TensorSpec(t.Name, SafeTensorDType.F32, t.Shape))],
                       CheckpointFiles.DefaultShardSize, new Dictionary<string, string> { ["evomerge"] = "diagonal Fisher information" }))
            {
                foreach (var (name, _, values) in tensors) writer.Write(name, MemoryMarshal.AsBytes(values.AsSpan()));
                writer.Commit();
            }
            if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
            Directory.Move(temporary, final);
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }
    }
}
