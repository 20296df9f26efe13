namespace SearchEngine.Web.Tests.Browser;

/// <summary>A window size the page must work at.</summary>
public sealed record Viewport(string Name, int Width, int Height, bool IsPhone)
{
    /// <summary>A laptop screen.</summary>
    public static readonly Viewport Desktop = new("desktop", 1280, 900, IsPhone: false);

    /// <summary>A phone held upright (iPhone 12–15 logical size).</summary>
    public static readonly Viewport Phone = new("phone", 390, 844, IsPhone: true);
}
