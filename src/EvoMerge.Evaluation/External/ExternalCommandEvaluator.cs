using System.Globalization;
using EvoMerge.Evaluation.Contracts;

namespace EvoMerge.Evaluation.External;

/// <summary>
/// Evaluates a candidate with any outside program (lm-eval-harness, a user script): writes the merged model
/// (safetensors plus the base model's config and tokenizer files) to a fresh scratch folder (the staging step, which
/// a farm slot does for its next candidate while the command runs on the current one), runs the command
/// with its path, reads JSON metrics from the metrics file or the last JSON line of stdout, and always deletes
/// the scratch folder (and, at start, those left by evaluations of processes that died). A candidate larger than
/// the scratch root's free space fails its trial before anything is written. Timeouts, non-zero exits, bad JSON and missing or non-finite metrics fail the trial with
/// a reason that ends with the command's stderr.
/// </summary>
public sealed class ExternalCommandEvaluator : IStagingEvaluator
{
    private readonly ExternalCommandOptions _options;
    private readonly string _scratchRoot;
    private readonly IReadOnlyDictionary<string, string?> _environment;

    /// <exception cref="FatalEvaluationException">A folder or file the options name does not exist.</exception>
    public ExternalCommandEvaluator(ExternalCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _scratchRoot = Path.GetFullPath(options.ScratchRoot ?? Path.GetTempPath());
        _environment = new Dictionary<string, string?>(options.Environment, StringComparer.Ordinal);
        RequireInputs();
        if (!Directory.Exists(_scratchRoot))
        {
            throw new FatalEvaluationException($"{Name}: the scratch root {_scratchRoot} does not exist.");
        }

        ScratchFolder.DeleteStale(_scratchRoot, _options.Log);
    }

    public string Name => _options.Name;

    public EvaluationResult Evaluate(MergedModel model, CancellationToken ct)
    {
        using var staged = Stage(model, ct);
        return staged.Evaluate(ct);
    }

    /// <summary>Writes the candidate to a fresh scratch folder (deleted when the staged evaluation is disposed).</summary>
    public IStagedEvaluation Stage(MergedModel model, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        ct.ThrowIfCancellationRequested();
        RequireInputs();
        ScratchSpace.Require(Name, _scratchRoot, ScratchSpace.EstimateBytes(model, _options.BaseModelFolder),
                             _options.FreeSpaceProbe ?? ScratchSpace.FreeBytes);
        var scratch = ScratchFolder.Create(_scratchRoot, _options.Log);
        try
        {
            WriteModel(model, scratch.Combine("model"));
            return new StagedCommand(this, scratch);
        }
        catch
        {
            scratch.Dispose();
            throw;
        }
    }

    /// <summary>Runs the command on a candidate staged in <paramref name="scratch"/> and reads its metrics.</summary>
    internal EvaluationResult Run(ScratchFolder scratch, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var modelFolder = scratch.Combine("model");
        var metricsFile = scratch.Combine("metrics.json");
        IReadOnlyList<string> argv = _options.Command is { } line
            ? [Shell.Program, .. Shell.Arguments(CommandTemplate.Render(line, modelFolder, metricsFile, _options.DataFile))]
            : CommandTemplate.RenderArguments(_options.Arguments!, modelFolder, metricsFile, _options.DataFile);
        var environment = new Dictionary<string, string?>(_environment, StringComparer.Ordinal)
        {
            ["EVOMERGE_MODEL_DIR"] = modelFolder,
            ["EVOMERGE_METRICS_FILE"] = metricsFile,
        };
        var outcome = ProcessRunner.Run(argv, _options.WorkingDirectory, environment, _options.Timeout, _options.CapturedChars, ct);
        return ReadResult(outcome, metricsFile);
    }

    /// <summary>Nothing to release: every evaluation cleans up after itself.</summary>
    public void Dispose()
    {
    }

    private EvaluationResult ReadResult(ProcessOutcome outcome, string metricsFile)
    {
        if (outcome.TimedOut)
        {
            var seconds = _options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            throw Failure($"the command timed out after {seconds} s and was killed", outcome);
        }

        if (outcome.ExitCode != 0)
        {
            throw Failure($"the command exited with code {outcome.ExitCode}", outcome);
        }

        string json, source;
        if (_options.Uses(CommandTemplate.OutputToken))
        {
            if (!File.Exists(metricsFile))
            {
                throw Failure("the command did not write its metrics file ({output})", outcome);
            }

            (json, source) = (File.ReadAllText(metricsFile), "the metrics file");
        }
        else
        {
            json = outcome.Stdout.LastJsonLine ?? throw Failure("the command printed no JSON object line on stdout", outcome);
            source = "the last JSON line of stdout";
        }

        try
        {
            return MetricsJson.Parse(json, source, _options.Metrics, _options.ExpectedExampleCount);
        }
        catch (EvaluationFailedException e)
        {
            throw new EvaluationFailedException($"{Name}: {e.Reason}", e);
        }
    }

    private EvaluationFailedException Failure(string what, ProcessOutcome outcome)
    {
        var tail = outcome.Stderr.Tail(_options.ReasonTailChars);
        var stream = "stderr";
        if (tail.Length == 0)
        {
            (tail, stream) = (outcome.Stdout.Tail(_options.ReasonTailChars), "stdout");
        }

        var detail = tail.Length == 0 ? "it printed nothing" : $"{stream} ends with:\n{tail}";
        return new EvaluationFailedException($"{Name}: {what}; {detail}");
    }

    private void WriteModel(MergedModel model, string folder)
    {
        try
        {
            model.WriteSafeTensors(folder, _options.MaxShardBytes);
            if (_options.BaseModelFolder is { } baseFolder)
            {
                SidecarFiles.Copy(baseFolder, folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EvaluationFailedException($"{Name}: cannot write the merged model to {folder} ({e.Message}).", e);
        }
    }

    /// <summary>Files and folders every evaluation needs; without them every later evaluation would fail too.</summary>
    private void RequireInputs()
    {
        if (_options.DataFile is { } data && !File.Exists(data))
        {
            throw new FatalEvaluationException($"{Name}: data file {data} not found.");
        }

        if (_options.BaseModelFolder is { } baseFolder && !Directory.Exists(baseFolder))
        {
            throw new FatalEvaluationException($"{Name}: base model folder {baseFolder} not found.");
        }

        if (_options.WorkingDirectory is { } workingDirectory && !Directory.Exists(workingDirectory))
        {
            throw new FatalEvaluationException($"{Name}: working directory {workingDirectory} not found.");
        }
    }
}
