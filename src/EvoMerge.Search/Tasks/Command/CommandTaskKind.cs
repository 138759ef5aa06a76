using EvoMerge.Evaluation.External;
using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Tasks.Command;

/// <summary>
/// An external command (<c>evaluator: command</c>): the merged model is written to a scratch folder and the
/// command prints its metrics. It gives aggregate metrics only, and needs <c>data</c> only when it uses {data}.
/// </summary>
public sealed class CommandTaskKind : TaskKind
{
    const string CommandField = "command";
    const string TimeoutField = "timeout";

    public override string Name => "command";

    public override TaskKindCapabilities Capabilities { get; } = new(ChecksTensorSpecs: false, ScoresModelView: false, PerExampleScores: false, ScoresSubsets: false);

    public override IReadOnlyList<string> Fields { get; } = [CommandField, TimeoutField];

    public override bool NeedsData => false;

    internal override object? Read(TaskReading reading)
    {
        var (line, arguments) = ReadCommand(reading);
        var timeout = reading.Fields.Duration(reading.Map, TimeoutField, reading.Field) ?? TimeSpan.FromMinutes(30);
        bool usesData = line?.Contains(CommandLineCheck.DataPlaceholder, StringComparison.Ordinal)
                        ?? arguments?.Any(a => a.Contains(CommandLineCheck.DataPlaceholder, StringComparison.Ordinal)) ?? false;
        if (reading.TestData is not null && !usesData)
            reading.Fields.Problems.Add($"{reading.Path("test_data")}: the command gets the test file through {CommandLineCheck.DataPlaceholder}; put {CommandLineCheck.DataPlaceholder} where the command takes its data file.");
        if (usesData && reading.Data is null)
            reading.Fields.Problems.Add($"{reading.Path("data")}: the command uses {CommandLineCheck.DataPlaceholder}; give the data file its fitness scores come from.");
        return new CommandTaskSettings(line, arguments, timeout);
    }

    /// <summary><c>command</c>: a shell command line, or a list (program and arguments) that runs without a shell.</summary>
    static (string? Line, IReadOnlyList<string>? Arguments) ReadCommand(TaskReading reading)
    {
        var f = reading.Fields;
        if (YamlFields.Get(reading.Map, CommandField) is YamlSequenceNode)
        {
            var arguments = f.Strings(reading.Map, CommandField, reading.Field);
            if (arguments.Count == 0) f.Problems.Add($"{reading.Path(CommandField)}: the list must start with the program to run.");
            return (null, arguments);
        }
        string? line = f.String(reading.Map, CommandField, reading.Field, required: true);
        if (line is not null)
            foreach (var problem in CommandLineCheck.QuotedPlaceholders(line))
                f.Problems.Add($"{reading.Path(CommandField)}: {problem}");
        return (line, null);
    }

    public override IReadOnlyList<TaskField> Write(object settings)
    {
        var command = (CommandTaskSettings)settings;
        var fields = new List<TaskField>();
        if (command.Line is not null) fields.Add(new TaskField(CommandField, Quote(command.Line)));
        if (command.Arguments is not null) fields.Add(new TaskField(CommandField, YamlText.QuotedList(command.Arguments)));
        fields.Add(new TaskField(TimeoutField, YamlText.Seconds(command.Timeout), AfterMetrics: true));
        return fields;
    }

    public override TaskEvaluator Open(TaskOpening opening)
    {
        var task = opening.Task;
        var settings = task.SettingsAs<CommandTaskSettings>();
        var command = new ExternalCommandEvaluator(new ExternalCommandOptions
        {
            Command = settings.Line,
            Arguments = settings.Arguments,
            Metrics = task.RecordedMetrics,
            Timeout = settings.Timeout,
            Name = task.Name,
            DataFile = opening.DataPath,
            BaseModelFolder = opening.BaseModelPath is { } b && Directory.Exists(b) ? b : null,
            ScratchRoot = opening.ScratchRoot,
            Log = opening.Log,
            Environment = opening.CommandEnvironment is { } variables
                ? variables.ToDictionary(e => e.Key, e => (string?)e.Value, StringComparer.Ordinal)
                : new Dictionary<string, string?>(),
        });
        return new TaskEvaluator(task, command, task.RecordedMetrics, 0);
    }
}
