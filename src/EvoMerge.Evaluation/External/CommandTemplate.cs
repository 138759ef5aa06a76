namespace EvoMerge.Evaluation.External;

/// <summary>Fills the placeholders of a command line with shell-quoted paths.</summary>
internal static class CommandTemplate
{
    public const string ModelToken = "{model}";
    public const string OutputToken = "{output}";
    public const string DataToken = "{data}";

    public static bool UsesOutputFile(string template) => template.Contains(OutputToken, StringComparison.Ordinal);

    public static string Render(string template, string modelFolder, string metricsFile, string? dataFile)
    {
        var command = template
            .Replace(ModelToken, Shell.Quote(modelFolder), StringComparison.Ordinal)
            .Replace(OutputToken, Shell.Quote(metricsFile), StringComparison.Ordinal);
        return dataFile is null ? command : command.Replace(DataToken, Shell.Quote(dataFile), StringComparison.Ordinal);
    }
}
