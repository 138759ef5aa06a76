using EvoMerge.Core.IO;
using ScottPlot;

namespace EvoMerge.Reporting.Plots;

/// <summary>Renders plots to PNG and writes the file atomically (temporary file, then rename), so a reader never sees half an image.</summary>
internal static class PngFile
{
    public static void Write(string path, Plot plot, int width, int height)
    {
        using var image = plot.GetImage(width, height);
        AtomicFile.WriteAllBytes(path, image.GetImageBytes(ImageFormat.Png), fsync: false);
    }

    /// <summary>Several panels in one image, stacked in rows or side by side in columns.</summary>
    public static void Write(string path, IReadOnlyList<Plot> panels, bool inRows, int width, int height)
    {
        if (panels.Count == 1)
        {
            Write(path, panels[0], width, height);
            return;
        }

        var multiplot = new Multiplot();
        multiplot.Layout = inRows ? new ScottPlot.MultiplotLayouts.Rows() : new ScottPlot.MultiplotLayouts.Columns();
        // A new multiplot starts with one default subplot: replace it with the panels.
        while (multiplot.Subplots.Count > 0)
        {
            multiplot.Subplots.RemoveAt(0);
        }

        foreach (var panel in panels)
        {
            multiplot.AddPlot(panel);
        }

        using var image = multiplot.Render(width, height);
        AtomicFile.WriteAllBytes(path, image.GetImageBytes(ImageFormat.Png), fsync: false);
    }
}
