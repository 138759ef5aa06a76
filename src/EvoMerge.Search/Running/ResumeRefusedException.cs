namespace EvoMerge.Search.Running;

/// <summary>A run cannot continue as asked (a changed experiment, an edited config.yml, a journal the optimizer cannot replay).</summary>
public sealed class ResumeRefusedException(string message) : Exception(message);
