using EvoMerge.Evaluation.External;

namespace EvoMerge.Evaluation.Tests.External;

internal static class ExternalEvaluatorFactory
{
    public static ExternalCommandOptions Options(string command, string scratchRoot, params string[] metrics) => new()
    {
        Command = command,
        Metrics = metrics.Length == 0 ? ["accuracy"] : metrics,
        Timeout = TimeSpan.FromSeconds(20),
        ScratchRoot = scratchRoot,
    };
}
