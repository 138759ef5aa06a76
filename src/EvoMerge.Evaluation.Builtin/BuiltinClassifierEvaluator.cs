using System.Runtime.InteropServices;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Data;
using EvoMerge.Evaluation.Metrics;
using EvoMerge.Models.Mlp;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoMerge.Evaluation.Builtin;

/// <summary>
/// Scores merged weights with EvoMerge's own MLP classifier (<see cref="MlpArchitecture"/>) in process on the CPU:
/// each candidate's tensors (F32, or BF16/F16 widened to float32) are copied into one resident parameter tensor,
/// the task's features (also resident) run through the network, and every row's logits are scored by the
/// configured metrics. Built for many evaluations per second: no per-call tensors outlive the call and the output
/// buffer is reused. Not thread-safe: use one instance per evaluating thread.
/// </summary>
public sealed class BuiltinClassifierEvaluator : IEvaluator
{
    private readonly MlpTensorMap _tensorMap;
    private readonly OutputScoring _scoring;
    private readonly TaskData _data;
    private readonly Tensor _parameters;
    private readonly (Tensor Weight, Tensor Bias)[] _layers;
    private readonly Tensor _features;
    private readonly (Tensor Rows, int FirstRow, int RowCount)[] _batches;
    private readonly float[] _outputs;
    private bool _disposed;

    /// <exception cref="FatalEvaluationException">The architecture file is missing or invalid, or does not fit the data.</exception>
    public BuiltinClassifierEvaluator(BuiltinClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _scoring = new OutputScoring(options.Metrics, options.ScoreMetric);
        _data = options.Data;
        Name = options.Name;
        Architecture = options.ResolveArchitecture();
        if (_data.FeatureCount != Architecture.Inputs)
        {
            throw new FatalEvaluationException(
                $"{Name}: {_data.Source} has {_data.FeatureCount} feature columns, but the model takes {Architecture.Inputs} inputs.");
        }

        if (_data.RowCount == 0)
        {
            throw new FatalEvaluationException($"{Name}: {_data.Source} has no rows to score.");
        }

        _scoring.CheckCompatible(Architecture.Classes, _data);

        _tensorMap = new MlpTensorMap(Architecture, options.ArchitecturePath ?? "the MLP architecture");
        _outputs = new float[(long)_data.RowCount * Architecture.Classes];
        using var scope = NewDisposeScope();
        // Owned by this instance, not by whatever dispose scope the caller has open.
        _parameters = zeros(Architecture.ParameterCount, ScalarType.Float32).DetachFromDisposeScope();
        _layers = MlpForward.LayerViews(Architecture, _parameters);
        foreach (var (weight, bias) in _layers)
        {
            weight.DetachFromDisposeScope();
            bias.DetachFromDisposeScope();
        }

        _features = tensor(_data.Features.ToArray(), [_data.RowCount, _data.FeatureCount], ScalarType.Float32).DetachFromDisposeScope();
        _batches = Enumerable.Range(0, (_data.RowCount + options.BatchSize - 1) / options.BatchSize)
            .Select(b => b * options.BatchSize)
            .Select(first => (Rows: _features.narrow(0, first, Math.Min(options.BatchSize, _data.RowCount - first)).DetachFromDisposeScope(),
                              FirstRow: first, RowCount: Math.Min(options.BatchSize, _data.RowCount - first)))
            .ToArray();
    }

    public string Name { get; }

    public MlpArchitecture Architecture { get; }

    /// <summary>Outputs per row (the classes).</summary>
    public int OutputWidth => Architecture.Classes;

    /// <summary>The tensor names a merged model must have, layer by layer.</summary>
    public IReadOnlyList<string> TensorNames => _tensorMap.Names;

    /// <summary>
    /// Why tensors with these names, dtypes and shapes would not fit the model (empty when they fit). Lets a run
    /// check its merge plan from checkpoint headers before reading any weights.
    /// </summary>
    public IReadOnlyList<string> FindProblems(IReadOnlyList<TensorSpec> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        return _tensorMap.FindProblems(tensors);
    }

    public EvaluationResult Evaluate(MergedModel model, CancellationToken ct) =>
        _scoring.Score(RunOutputs(model, ct), OutputWidth, _data.Labels);

    /// <summary>
    /// The logits for every row with the candidate's tensors, row-major [rows, <see cref="OutputWidth"/>]. The span
    /// is this evaluator's buffer: valid until the next call.
    /// </summary>
    /// <exception cref="FatalEvaluationException">The tensors do not fit the architecture (names, dtypes, shapes).</exception>
    /// <exception cref="EvaluationFailedException">An output is NaN or infinite.</exception>
    public ReadOnlySpan<float> RunOutputs(MergedModel model, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(model);
        ct.ThrowIfCancellationRequested();
        // Tensor.bytes is the CPU tensor's own memory: writing it updates the layer views in place.
        _tensorMap.CopyInto(model, MemoryMarshal.Cast<byte, float>(_parameters.bytes));
        using (no_grad())
        {
            foreach (var (rows, firstRow, rowCount) in _batches)
            {
                ct.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var logits = MlpForward.Logits(_layers, Architecture.Activation, rows);
                var values = MemoryMarshal.Cast<byte, float>(logits.bytes);
                CheckFinite(values, firstRow);
                values.CopyTo(_outputs.AsSpan(firstRow * OutputWidth, rowCount * OutputWidth));
            }
        }

        return _outputs;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var (rows, _, _) in _batches)
        {
            rows.Dispose();
        }

        foreach (var (weight, bias) in _layers)
        {
            weight.Dispose();
            bias.Dispose();
        }

        _features.Dispose();
        _parameters.Dispose();
    }

    private void CheckFinite(ReadOnlySpan<float> values, int firstRow)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new EvaluationFailedException(
                    $"{Name}: the model's output for row {_data.SourceRows[firstRow + i / OutputWidth]} of {_data.Source} is not finite ({values[i]}).");
            }
        }
    }
}
