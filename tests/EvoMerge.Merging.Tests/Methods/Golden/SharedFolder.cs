namespace EvoMerge.Merging.Tests.Methods.Golden;

/// <summary>Finds shared/ next to the repository root (the folder holding EvoMerge.sln), where CI puts it too.</summary>
internal static class SharedFolder
{
    public static string Path(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "EvoMerge.sln")))
            dir = dir.Parent;
        if (dir?.Parent is null)
            throw new DirectoryNotFoundException($"no EvoMerge.sln above {AppContext.BaseDirectory}");
        var shared = System.IO.Path.Combine(dir.Parent.FullName, "shared");
        if (!Directory.Exists(shared))
            throw new DirectoryNotFoundException($"expected the shared folder at {shared}");
        return System.IO.Path.Combine([shared, .. parts]);
    }
}
