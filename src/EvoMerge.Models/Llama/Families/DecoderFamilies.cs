namespace EvoMerge.Models.Llama.Families;

/// <summary>The supported families, found by config.json's <c>model_type</c>. Adding a family: one file and one line here.</summary>
public static class DecoderFamilies
{
    public static readonly IReadOnlyList<IDecoderFamily> All =
    [
        new LlamaFamily(),
        new MistralFamily(),
        new Qwen2Family(),
        new Qwen3Family(),
        new GemmaFamily(),
        new Gemma2Family(),
        new Gemma3TextFamily(),
        new Phi3Family(),
    ];

    /// <summary>The model_type values accepted, for error messages and docs.</summary>
    public static string SupportedList => string.Join(", ", All.Select(f => f.ModelType));

    public static IDecoderFamily ByModelType(string? modelType) =>
        modelType is null
            ? throw new ArgumentException($"config.json: model_type is missing; supported: {SupportedList}.")
            : All.FirstOrDefault(f => f.ModelType == modelType)
              ?? throw new ArgumentException($"config.json: model_type: '{modelType}' is not supported; supported: {SupportedList}.");

    public static IDecoderFamily Of(LlamaModelType type) =>
        All.FirstOrDefault(f => f.Type == type) ?? throw new ArgumentOutOfRangeException(nameof(type), type, "no family registered");
}
