using Microsoft.Playwright;

namespace EvoMerge.Dashboard.Tests.Browser;

/// <summary>
/// One headless chromium for a test class, started on first use (Playwright's own browser download
/// is not used: the system's chromium is). Pages record console errors and uncaught exceptions.
/// </summary>
public sealed class BrowserFixture : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly SemaphoreSlim _start = new(1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<(IPage Page, List<string> Errors)> NewPage()
    {
        await _start.WaitAsync();
        try
        {
            if (_browser is null)
            {
                _playwright = await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = ChromiumPath,
                    Headless = true,
                    Args = ["--disable-gpu", "--disable-dev-shm-usage"],
                });
            }
        }
        finally
        {
            _start.Release();
        }

        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (errors) errors.Add("console: " + message.Text);
        };
        page.PageError += (_, error) =>
        {
            lock (errors) errors.Add("page error: " + error);
        };
        return (page, errors);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _start.Dispose();
    }
}
