namespace EvoMerge.Farm;

/// <summary>
/// A farm that cannot start or a worker that cannot join, with a message for the user (naming the file,
/// address or setting and what to do); the command line prints it without a stack trace.
/// </summary>
public sealed class FarmSetupException(string message) : Exception(message);
