using System.Text.RegularExpressions;
using System.Xml.Linq;
using SkiaSharp;

namespace SearchEngine.Media.Images;

/// <summary>
/// Takes out of an SVG tree every reference to something outside it, before the SVG library sees it: by default that
/// library fetches <c>http:</c> and <c>file:</c> links of <c>&lt;image&gt;</c>, <c>&lt;use&gt;</c>, <c>&lt;feImage&gt;</c>,
/// fonts and stylesheets while drawing, which would let a file in an indexed folder make the indexer read local files
/// or call any server. What stays: same-document references (<c>#id</c>, <c>url(#id)</c>) and data URIs of raster
/// images, whose header is checked against the pixel limit here because the library decodes them at full size. The
/// library's own switches are locked too (<see cref="SvgRasterizer"/>); this pass does not depend on them.
/// </summary>
internal static partial class SvgExternalReferences
{
    private static readonly XNamespace XmlNamespace = XNamespace.Xml;

    public static void Remove(XDocument document, string name, long maxImagePixels)
    {
        foreach (var element in document.Descendants().ToList())
        {
            if (element.Name.LocalName == "style")
            {
                element.Value = SafeCss(element.Value);
            }

            if (AnimatesLink(element))
            {
                element.Remove(); // it would set a link at draw time, after this pass has looked at the links
                continue;
            }

            foreach (var attribute in element.Attributes().ToList())
            {
                if (attribute.IsNamespaceDeclaration)
                {
                    continue;
                }

                if (attribute.Name == XmlNamespace + "base")
                {
                    attribute.Remove(); // would turn relative links into absolute ones
                }
                else if (attribute.Name.LocalName is "href" or "src")
                {
                    if (!IsInside(attribute.Value.Trim(), name, maxImagePixels))
                    {
                        attribute.Remove();
                    }
                }
                else if (attribute.Name.LocalName == "style")
                {
                    attribute.Value = SafeCss(attribute.Value);
                }
                else if (!OnlySameDocumentUrls(attribute.Value))
                {
                    attribute.Remove(); // fill="url(other.svg#gradient)", filter="url(http://…)": another document
                }
            }
        }
    }

    private static bool AnimatesLink(XElement element) =>
        element.Name.LocalName is "set" or "animate"
        && element.Attribute("attributeName")?.Value.Trim() is { } target
        && (target == "href" || target.EndsWith(":href", StringComparison.Ordinal));

    private static bool IsInside(string link, string name, long maxImagePixels) =>
        link.Length == 0 || link.StartsWith('#') || IsRasterDataUri(link, name, maxImagePixels);

    private static bool IsSameDocument(string target) => target.TrimStart().StartsWith('#');

    // Every "url(" must be one the pattern reads and point into this document; one it cannot read counts as outside.
    private static bool OnlySameDocumentUrls(string value)
    {
        var urls = UrlOpenings(value);
        if (urls == 0)
        {
            return true;
        }

        var matches = UrlReference().Matches(value);
        return matches.Count == urls && matches.All(m => IsSameDocument(m.Groups["target"].Value));
    }

    private static int UrlOpenings(string text)
    {
        var count = 0;
        for (var at = text.IndexOf("url(", StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf("url(", at + 4, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }

    // Style sheets: @import rules go, url() to anything but this document or inline data (fonts, mostly) becomes 'none'.
    // A backslash is a CSS escape, which can spell "url(" or "@import" in ways these rules would not see, so such a
    // sheet goes whole.
    private static string SafeCss(string css)
    {
        if (css.Contains('\\', StringComparison.Ordinal))
        {
            return string.Empty;
        }

        css = ImportRule().Replace(css, string.Empty);
        var kept = 0;
        css = UrlReference().Replace(css, m =>
        {
            var target = m.Groups["target"].Value.TrimStart();
            var inside = IsSameDocument(target) || target.StartsWith("data:", StringComparison.OrdinalIgnoreCase);
            kept += inside ? 1 : 0;
            return inside ? m.Value : "none";
        });

        // A "url(" the pattern could not read is left over: the sheet cannot be trusted.
        return UrlOpenings(css) == kept ? css : string.Empty;
    }

    // Data URIs of raster images the image decoder reads; an SVG inside a data URI would be a second document with
    // its own references, so it is dropped, as is anything not base64-encoded.
    private static bool IsRasterDataUri(string link, string name, long maxImagePixels)
    {
        var match = Base64ImageDataUri().Match(link);
        if (!match.Success || match.Groups["type"].Value.StartsWith("svg", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(link[match.Length..]);
        }
        catch (FormatException)
        {
            return false;
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return false; // not an image the library could draw either
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if ((long)width * height > maxImagePixels)
        {
            throw new MediaException(name, MediaStage.Probe,
                $"the SVG embeds a {width}×{height} = {(long)width * height:N0}-pixel image, over the limit of " +
                $"{maxImagePixels:N0} (Media:MaxImagePixels); rejected as a possible decompression bomb");
        }

        return true;
    }

    [GeneratedRegex("""url\(\s*(?<quote>['"]?)(?<target>[^'")]*)\k<quote>\s*\)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlReference();

    [GeneratedRegex("""@import[^;]*;?""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ImportRule();

    [GeneratedRegex("""^data:image/(?<type>[a-z0-9.+-]+)(;[^,;]*)*;base64,""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Base64ImageDataUri();
}
