namespace EvoMerge.Farm.Worker;

/// <summary>The worker's session with the coordinator ended (connection lost or the worker forgotten): rejoin.</summary>
public sealed class FarmConnectionLostException(string message) : Exception(message);
