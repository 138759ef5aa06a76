namespace EvoMerge.Evaluation.External;

/// <summary>
/// Fills the placeholders of a command: shell-quoted paths in a shell command line, the plain paths in the
/// list (argv) form, whose arguments reach the program as they are and never pass through a shell.
/// </summary>
internal static class CommandTemplate
{
    public const string ModelToken = "{model}";
    public const string OutputToken = "{output}";
    public const string DataToken = "{data}";

    public static string Render(string template, string modelFolder, string metricsFile, string? dataFile) =>
        Fill(template, Shell.Quote(modelFolder), Shell.Quote(metricsFile), dataFile is null ? null : Shell.Quote(dataFile));

    public static IReadOnlyList<string> RenderArguments(IReadOnlyList<string> arguments, string modelFolder, string metricsFile, string? dataFile) =>
        arguments.Select(a => Fill(a, modelFolder, metricsFile, dataFile)).ToList();

    private static string Fill(string text, string model, string output, string? data)
    {
        var filled = text
            .Replace(ModelToken, model, StringComparison.Ordinal)
            .Replace(OutputToken, output, StringComparison.Ordinal);
        return data is null ? filled : filled.Replace(DataToken, data, StringComparison.Ordinal);
    }
}
