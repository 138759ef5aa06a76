using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace EvoMerge.Dashboard.Web;

/// <summary>
/// What every request must pass: only GET and HEAD (nothing served writes); with a token, the token in
/// the query (<c>?token=</c>), the <c>X-EvoMerge-Token</c> header or the cookie the first page view
/// sets; without one, a loopback Host header, so a web page elsewhere cannot reach the runs through a
/// DNS name it points at 127.0.0.1.
/// </summary>
internal sealed class RequestGate(string? token)
{
    public const string CookieName = "evomerge_token";
    public const string HeaderName = "X-EvoMerge-Token";

    private readonly byte[]? _token = token is null ? null : Encoding.UTF8.GetBytes(token);

    public async Task Invoke(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            await Refuse(context, StatusCodes.Status405MethodNotAllowed, "The dashboard is read-only: only GET and HEAD are served.");
            return;
        }

        if (_token is null)
        {
            if (!IsLoopbackHost(request.Host.Host))
            {
                await Refuse(context, StatusCodes.Status403Forbidden, "Without --token the dashboard answers only to localhost / 127.0.0.1 / [::1].");
                return;
            }
        }
        else
        {
            string? given = request.Query["token"].FirstOrDefault() ?? request.Headers[HeaderName].FirstOrDefault() ?? request.Cookies[CookieName];
            if (given is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _token))
            {
                await Refuse(context, StatusCodes.Status401Unauthorized, "Missing or wrong token: open the URL the dashboard printed (it ends in ?token=...).");
                return;
            }

            if (request.Query.ContainsKey("token"))
            {
                context.Response.Cookies.Append(CookieName, given, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            }
        }

        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Content-Security-Policy"] =
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";
        await next(context);
    }

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host == "127.0.0.1" || host == "[::1]" || host == "::1";

    private static async Task Refuse(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message + "\n");
    }
}
