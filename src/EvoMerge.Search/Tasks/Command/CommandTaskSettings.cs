namespace EvoMerge.Search.Tasks.Command;

/// <summary>
/// A command task's own fields: the shell command line (<see cref="Line"/>; {model} is replaced by the merged
/// model's quoted folder) or the program and its arguments run without a shell (<see cref="Arguments"/>),
/// and how long one evaluation may take.
/// </summary>
public sealed record CommandTaskSettings(string? Line, IReadOnlyList<string>? Arguments, TimeSpan Timeout);
