namespace EvoMerge.Farm.Coordination;

/// <summary>A worker the coordinator admitted: its name, slots, and when it was last heard from.</summary>
sealed class WorkerSession(string token, string name, int slots, DateTimeOffset joined)
{
    public string Token { get; } = token;
    public string Name { get; } = name;
    public int Slots { get; } = slots;
    public DateTimeOffset LastSeen { get; set; } = joined;
}
