using EvoMerge.Evaluation.Onnx;
using EvoMerge.Evaluation.Tests.Support;

namespace EvoMerge.Evaluation.Tests.Onnx;

internal static class OnnxEvaluatorFactory
{
    public static OnnxClassifierEvaluator Create(Func<OnnxClassifierOptions, OnnxClassifierOptions>? edit = null)
    {
        var options = new OnnxClassifierOptions { ModelPath = Fixture.Model, Data = Fixture.Data(), Provider = ExecutionProviderChoice.Cpu };
        return new OnnxClassifierEvaluator(edit is null ? options : edit(options));
    }
}
