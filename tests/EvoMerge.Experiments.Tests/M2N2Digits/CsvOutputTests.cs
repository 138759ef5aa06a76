using EvoMerge.Experiments.M2N2Digits;

namespace EvoMerge.Experiments.Tests.M2N2Digits;

public class CsvOutputTests
{
    [Fact]
    public void Curves_round_trip_in_invariant_culture()
    {
        string dir = Directory.CreateTempSubdirectory("curves").FullName;
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            // A culture with a decimal comma must not leak into the file (built by hand: the
            // projects run in invariant-globalization mode, without named cultures).
            var comma = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            Thread.CurrentThread.CurrentCulture = comma;
            string path = Path.Combine(dir, CurvesFile.FileName);
            CurveRow[] rows = [new("scratch", "m2n2", 0, 0, 12.5), new("scratch", "m2n2", 0, 500, 100.0 / 3)];
            CurvesFile.Write(path, rows);
            Assert.Equal("panel,method,run,forward_passes,test_accuracy\nscratch,m2n2,0,0,12.5\nscratch,m2n2,0,500,33.333333\n", File.ReadAllText(path));
            var back = CurvesFile.Read(path);
            Assert.Equal(2, back.Count);
            Assert.Equal(33.333333, back[1].TestAccuracy, 9);
            Assert.DoesNotContain(Directory.GetFiles(dir), f => f.Contains(".tmp"));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Summary_takes_the_final_budget_mean_and_standard_error()
    {
        CurveRow[] rows =
        [
            new("scratch", "m2n2", 0, 0, 10), new("scratch", "m2n2", 0, 100, 80),
            new("scratch", "m2n2", 1, 0, 10), new("scratch", "m2n2", 1, 100, 90),
            new("pretrained", "ga", 0, 100, 50),
        ];
        var summary = SummaryTable.Compute(rows);
        Assert.Equal(2, summary.Count);
        Assert.Equal(new SummaryRow("scratch", "m2n2", 2, 100, 85, 5), summary[0]);
        Assert.Null(summary[1].StandardError);
    }

    [Fact]
    public void Record_schedule_starts_at_zero_and_ends_at_the_budget()
    {
        Assert.Equal([0L, 500, 1000, 1200], RecordSchedule.Points(1200, 500));
        Assert.Equal([0L, 500, 1000], RecordSchedule.Points(1000, 500));
    }
}
