namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>Panel names as written in the CSVs and accepted on the command line.</summary>
public static class DigitsPanelNames
{
    public static string Name(this DigitsPanel panel) => panel switch
    {
        DigitsPanel.Scratch => "scratch",
        DigitsPanel.Pretrained => "pretrained",
        _ => throw new ArgumentOutOfRangeException(nameof(panel)),
    };

    /// <summary>"scratch", "pretrained" or "both".</summary>
    public static IReadOnlyList<DigitsPanel> Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "scratch" => [DigitsPanel.Scratch],
        "pretrained" or "pre-trained" => [DigitsPanel.Pretrained],
        "both" => [DigitsPanel.Scratch, DigitsPanel.Pretrained],
        _ => throw new ArgumentException($"Unknown panel '{text}'; use scratch, pretrained or both."),
    };

    public static DigitsPanel FromName(string name) => Parse(name) is [var single]
        ? single
        : throw new ArgumentException($"'{name}' names more than one panel.");
}
