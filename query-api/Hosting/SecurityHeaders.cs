namespace SearchEngine.QueryApi.Hosting;

/// <summary>
/// Headers that keep browsers from misusing any response: no MIME sniffing (an uploaded-looking file is never run as a
/// script), no framing (clickjacking), no referrer leaking query text, and a Content-Security-Policy fitted to the page.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// The page's policy. Scripts and styles come only from the site (the page has no inline script or style element);
    /// <c>style-src-attr 'unsafe-inline'</c> allows style attributes only (index.html positions its SVG sprite with one);
    /// <c>blob:</c> lets the page preview the example file chosen before upload; everything else is the site's own.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' blob: data:; " +
        "media-src 'self' blob:; connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>Adds the headers to every response, whatever answers it (page, API, problem, static file).</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // A response may carry a stricter policy of its own (served media files are sandboxed); keep it.
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            return Task.CompletedTask;
        });
        return next(context);
    });
}
