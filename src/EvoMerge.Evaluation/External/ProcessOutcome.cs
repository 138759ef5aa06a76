namespace EvoMerge.Evaluation.External;

/// <summary>How a command ended: its exit code (meaningless when it timed out) and what it printed.</summary>
internal sealed record ProcessOutcome(int ExitCode, bool TimedOut, CapturedOutput Stdout, CapturedOutput Stderr);
