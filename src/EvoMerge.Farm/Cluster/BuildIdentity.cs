using System.Reflection;

namespace EvoMerge.Farm.Cluster;

/// <summary>
/// Which EvoMerge build this process runs: the informational version, which carries the git commit the SDK
/// stamps into every assembly of one build. Coordinator and workers must agree, so a trial is never scored by
/// code that merges or evaluates differently.
/// </summary>
public static class BuildIdentity
{
    public static string Current() =>
        typeof(BuildIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(BuildIdentity).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
