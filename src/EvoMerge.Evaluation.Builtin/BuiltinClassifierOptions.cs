using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Data;
using EvoMerge.Evaluation.Metrics;
using EvoMerge.Models.Mlp;

namespace EvoMerge.Evaluation.Builtin;

/// <summary>Settings of a <see cref="BuiltinClassifierEvaluator"/>. Give exactly one of <see cref="ArchitecturePath"/> and <see cref="Architecture"/>.</summary>
public sealed record BuiltinClassifierOptions
{
    /// <summary>The model's <c>architecture.json</c>, or the checkpoint folder that holds it.</summary>
    public string? ArchitecturePath { get; init; }

    /// <summary>The architecture itself, when it is not read from a file.</summary>
    public MlpArchitecture? Architecture { get; init; }

    /// <summary>The rows to score (already narrowed to the split this evaluator should see).</summary>
    public required TaskData Data { get; init; }

    public string Name { get; init; } = "builtin";

    /// <summary>Metrics reported, by registry name (<see cref="MetricRegistry"/>).</summary>
    public IReadOnlyList<string> Metrics { get; init; } = ["accuracy"];

    /// <summary>The metric whose per-example scores are returned; null: the first of <see cref="Metrics"/>.</summary>
    public string? ScoreMetric { get; init; }

    /// <summary>Rows per forward pass; bounds the activations' memory on large data sets.</summary>
    public int BatchSize { get; init; } = 8192;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Data, nameof(Data));
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        if ((ArchitecturePath is null) == (Architecture is null))
        {
            throw new ArgumentException("give exactly one of ArchitecturePath and Architecture.", nameof(ArchitecturePath));
        }

        if (ArchitecturePath is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(ArchitecturePath, nameof(ArchitecturePath));
        }

        OutputScoring.Validate(Metrics, ScoreMetric);
    }

    /// <summary>The architecture given, or read from <see cref="ArchitecturePath"/>.</summary>
    /// <exception cref="FatalEvaluationException">The file is missing or not a valid MLP architecture.</exception>
    internal MlpArchitecture ResolveArchitecture()
    {
        if (Architecture is not null)
        {
            Architecture.Validate();
            return Architecture;
        }

        var path = Directory.Exists(ArchitecturePath) ? Path.Combine(ArchitecturePath!, MlpArchitecture.FileName) : ArchitecturePath!;
        if (!File.Exists(path))
        {
            throw new FatalEvaluationException($"{path}: architecture file not found.");
        }

        try
        {
            return MlpArchitecture.Load(path);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new FatalEvaluationException($"{path}: not a usable MLP architecture: {e.Message}", e);
        }
    }
}
