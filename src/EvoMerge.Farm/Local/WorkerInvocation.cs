namespace EvoMerge.Farm.Local;

/// <summary>The arguments after <c>worker</c> and the environment variables one local worker is started with.</summary>
public sealed record WorkerInvocation(IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment);
