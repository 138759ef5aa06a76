using EvoMerge.Evaluation.Contracts;

namespace EvoMerge.Evaluation.External;

/// <summary>A candidate written to its scratch folder, waiting for the command to run on it; disposing deletes the folder.</summary>
internal sealed class StagedCommand(ExternalCommandEvaluator evaluator, ScratchFolder scratch) : IStagedEvaluation
{
    public EvaluationResult Evaluate(CancellationToken ct) => evaluator.Run(scratch, ct);

    public void Dispose() => scratch.Dispose();
}
