using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Evaluation.External;

/// <summary>Settings of an <see cref="ExternalCommandEvaluator"/>.</summary>
public sealed record ExternalCommandOptions
{
    /// <summary>
    /// Shell command line (<c>/bin/sh -c</c>; <c>cmd.exe /c</c> on Windows). <c>{model}</c> (required) becomes the
    /// quoted path of the folder holding the candidate's <c>model.safetensors</c>; <c>{output}</c>, if present, the
    /// path of a JSON file the command must write its metrics to (otherwise the last JSON object line of stdout is
    /// read); <c>{data}</c> the <see cref="DataFile"/>. Other braces are left alone. A placeholder inside quotes is
    /// refused (<see cref="CommandLineCheck"/>). Give this or <see cref="Arguments"/>.
    /// </summary>
    public string? Command { get; init; }

    /// <summary>
    /// The command as a program and its arguments, run without a shell; the same placeholders become the plain
    /// paths. Give this or <see cref="Command"/>.
    /// </summary>
    public IReadOnlyList<string>? Arguments { get; init; }

    /// <summary>Metric names to read from the JSON: a top-level key, or a dotted path into nested objects.</summary>
    public required IReadOnlyList<string> Metrics { get; init; }

    /// <summary>How long one evaluation may run; then the whole process tree is killed and the trial fails.</summary>
    public required TimeSpan Timeout { get; init; }

    public string Name { get; init; } = "external";

    /// <summary>Working directory of the command; null: the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment variables; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Folder whose non-weight files (config.json, tokenizer files...) are copied next to the merged weights.</summary>
    public string? BaseModelFolder { get; init; }

    /// <summary>The task's data file, for <c>{data}</c>; it must exist at every evaluation (a missing one stops the run).</summary>
    public string? DataFile { get; init; }

    /// <summary>Where the per-candidate scratch folders are made; null: the system temp folder.</summary>
    public string? ScratchRoot { get; init; }

    /// <summary>
    /// Free bytes of the file system holding a folder; checked against each candidate's size before it is written.
    /// Null: the operating system's figure (statvfs). Tests give their own to simulate a full disk.
    /// </summary>
    public Func<string, long>? FreeSpaceProbe { get; init; }

    /// <summary>If set, a <c>per_example</c> array in the JSON must have exactly this many entries.</summary>
    public int? ExpectedExampleCount { get; init; }

    /// <summary>Characters of stdout and of stderr kept (the tail) while the command runs.</summary>
    public int CapturedChars { get; init; } = 64 * 1024;

    /// <summary>Characters of the stderr (or stdout) tail put into a failure reason.</summary>
    public int ReasonTailChars { get; init; } = 2000;

    /// <summary>Shard size of the written checkpoint.</summary>
    public long MaxShardBytes { get; init; } = CheckpointFiles.DefaultShardSize;

    /// <summary>Receives notes, e.g. a scratch folder that could not be deleted.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The command as the user wrote it, for messages.</summary>
    internal string Display => Command ?? string.Join(' ', Arguments ?? []);

    /// <summary>Whether the command (either form) holds <paramref name="token"/>.</summary>
    internal bool Uses(string token) =>
        Command?.Contains(token, StringComparison.Ordinal) ?? Arguments?.Any(a => a.Contains(token, StringComparison.Ordinal)) ?? false;

    internal void Validate()
    {
        if ((Command is null) == (Arguments is null))
        {
            throw new ArgumentException("give the command either as one shell command line (Command) or as a list of arguments (Arguments).", nameof(Command));
        }

        if (Command is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(Command, nameof(Command));
            if (CommandLineCheck.QuotedPlaceholders(Command) is [var quoted, ..])
            {
                throw new ArgumentException($"'{Command}': {quoted}", nameof(Command));
            }
        }
        else if (Arguments!.Count == 0 || string.IsNullOrWhiteSpace(Arguments[0]))
        {
            throw new ArgumentException("the argument list must start with the program to run.", nameof(Arguments));
        }

        if (!Uses(CommandTemplate.ModelToken))
        {
            throw new ArgumentException($"the command must contain {CommandTemplate.ModelToken}, where the model folder's path goes: '{Display}'.", nameof(Command));
        }

        if (DataFile is null && Uses(CommandTemplate.DataToken))
        {
            throw new ArgumentException($"the command uses {CommandTemplate.DataToken} but no DataFile is set.", nameof(DataFile));
        }

        if (Metrics is null || Metrics.Count == 0 || Metrics.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("name at least one metric, none of them blank.", nameof(Metrics));
        }

        if (Metrics.Distinct(StringComparer.Ordinal).Count() != Metrics.Count)
        {
            throw new ArgumentException($"a metric is listed twice: {string.Join(", ", Metrics)}.", nameof(Metrics));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(Timeout));
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
        ArgumentNullException.ThrowIfNull(Environment, nameof(Environment));
        ArgumentOutOfRangeException.ThrowIfLessThan(CapturedChars, 1, nameof(CapturedChars));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReasonTailChars, 1, nameof(ReasonTailChars));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxShardBytes, 1, nameof(MaxShardBytes));
        if (ExpectedExampleCount is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ExpectedExampleCount), ExpectedExampleCount, "must not be negative.");
        }
    }
}
