using EvoMerge.Search.Running;

namespace EvoMerge.Search.Tests.Support;

/// <summary>A synchronous progress sink (Progress&lt;T&gt; would post to the thread pool), used to interrupt runs at a chosen trial.</summary>
public sealed class SyncProgress(Action<SearchProgress> report) : IProgress<SearchProgress>
{
    public void Report(SearchProgress value) => report(value);
}
