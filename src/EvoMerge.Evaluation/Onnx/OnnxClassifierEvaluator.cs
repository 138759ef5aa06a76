using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Data;
using EvoMerge.Evaluation.Metrics;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using Microsoft.ML.OnnxRuntime;

namespace EvoMerge.Evaluation.Onnx;

/// <summary>
/// Scores merged weights with an ONNX model opened once: each candidate's tensors are fed as overridable
/// initializers straight from memory (no model file is rebuilt), the task's rows run in batches, and every
/// row's output vector is scored by the configured metrics (accuracy, neg_log_loss, ...).
/// Safe to call from several threads (ONNX Runtime sessions are).
/// </summary>
public sealed class OnnxClassifierEvaluator : IEvaluator
{
    private readonly InferenceSession _session;
    private readonly OverridableInitializers _initializers;
    private readonly InputBatches _batches;
    private readonly OnnxModelSignature _signature;
    private readonly OutputScoring _scoring;
    private readonly TaskData _data;
    private bool _disposed;

    /// <exception cref="FatalEvaluationException">The model file is missing or unusable, or does not fit the data.</exception>
    public OnnxClassifierEvaluator(OnnxClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _scoring = new OutputScoring(options.Metrics, options.ScoreMetric);
        _data = options.Data;
        Name = options.Name;
        (_session, Provider) = OnnxSessionFactory.Open(options);
        try
        {
            _signature = OnnxModelSignature.Resolve(_session, options);
            _initializers = new OverridableInitializers(_session, options);
            _batches = new InputBatches(options.Data, options.BatchSize);
            OutputWidth = OutputWidthProbe.Run(_session, _signature, _batches.Batches[0], Name);
            _scoring.CheckCompatible(OutputWidth, _data);
        }
        catch
        {
            _batches?.Dispose();
            _session.Dispose();
            throw;
        }
    }

    public string Name { get; }

    /// <summary>"CUDA" or "CPU": where the session runs.</summary>
    public string Provider { get; }

    /// <summary>Outputs per row (classes, for a classifier).</summary>
    public int OutputWidth { get; }

    /// <summary>Names of the overridable initializers the model offers.</summary>
    public IReadOnlyList<string> InitializerNames => _initializers.Names;

    /// <summary>
    /// Why tensors with these names, dtypes and shapes would not fit the model (empty when they fit). Lets a run
    /// check its merge plan from checkpoint headers before reading any weights.
    /// </summary>
    public IReadOnlyList<string> FindProblems(IReadOnlyList<TensorSpec> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        return _initializers.FindProblems(tensors);
    }

    public EvaluationResult Evaluate(MergedModel model, CancellationToken ct) =>
        _scoring.Score(RunOutputs(model, ct), OutputWidth, _data.Labels);

    /// <summary>The model's outputs for every row with the candidate's tensors, row-major [rows, <see cref="OutputWidth"/>].</summary>
    /// <exception cref="FatalEvaluationException">The tensors do not fit the model (names, dtypes, shapes), or the device failed.</exception>
    /// <exception cref="EvaluationFailedException">ONNX Runtime failed on this candidate, or an output is NaN or infinite.</exception>
    public float[] RunOutputs(MergedModel model, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(model);
        ct.ThrowIfCancellationRequested();
        using var bound = _initializers.Bind(model);
        using var runOptions = new RunOptions();
        using var cancel = ct.Register(() => runOptions.Terminate = true);
        string[] names = [_signature.InputName, .. bound.Names];
        var all = new float[(long)_data.RowCount * OutputWidth];
        foreach (var (batch, firstRow, rowCount) in _batches.Batches)
        {
            ct.ThrowIfCancellationRequested();
            using var outputs = Run(runOptions, names, [batch, .. bound.Values], ct);
            var batchOutputs = outputs[0].GetTensorDataAsSpan<float>();
            FiniteOutputs.Check(batchOutputs, firstRow, rowCount, OutputWidth, _data, Name);
            batchOutputs.CopyTo(all.AsSpan(firstRow * OutputWidth));
        }

        return all;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _batches.Dispose();
        _session.Dispose();
    }

    private IDisposableReadOnlyCollection<OrtValue> Run(RunOptions runOptions, string[] names, OrtValue[] values, CancellationToken ct)
    {
        try
        {
            return _session.Run(runOptions, names, values, [_signature.OutputName]);
        }
        catch (OnnxRuntimeException e)
        {
            ct.ThrowIfCancellationRequested();
            throw OnnxRunErrors.Classify(Name, Provider, e);
        }
    }
}
