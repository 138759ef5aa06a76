namespace EvoMerge.Search.Tests.Trials;

/// <summary>Events noted from several threads, in the order they happened.</summary>
sealed class EventLog
{
    readonly Lock gate = new();
    readonly List<string> events = [];

    public void Add(string what)
    {
        lock (gate) events.Add(what);
    }

    public IReadOnlyList<string> Events()
    {
        lock (gate) return events.ToList();
    }
}
