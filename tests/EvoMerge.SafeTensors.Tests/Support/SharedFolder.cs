namespace EvoMerge.SafeTensors.Tests.Support;

/// <summary>Finds the project's shared folder: "../shared" beside the repository root (the folder holding EvoMerge.sln).</summary>
internal static class SharedFolder
{
    public static string Path { get; } = Locate();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "EvoMerge.sln")))
            {
                var shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared"));
                return Directory.Exists(shared)
                    ? shared
                    : throw new DirectoryNotFoundException($"the shared folder is expected at {shared}, beside the repository root");
            }
        }

        throw new DirectoryNotFoundException($"no EvoMerge.sln above {AppContext.BaseDirectory}");
    }
}
