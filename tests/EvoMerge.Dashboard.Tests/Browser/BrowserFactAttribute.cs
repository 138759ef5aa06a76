namespace EvoMerge.Dashboard.Tests.Browser;

/// <summary>
/// A test that drives Debian's chromium through Playwright. Skipped, saying why, only when chromium is
/// not installed here; CI installs it (.ci/run), so there these tests always run.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath))
        {
            Skip = $"chromium is not installed at {BrowserFixture.ChromiumPath}: apt-get install chromium to run the browser tests (.ci/run does).";
        }
    }
}
