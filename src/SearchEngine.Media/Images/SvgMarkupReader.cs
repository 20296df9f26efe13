using System.Xml;
using System.Xml.Linq;

namespace SearchEngine.Media.Images;

/// <summary>
/// Reads SVG bytes into an XML tree without trusting them. Nothing outside the bytes is ever read: no resolver is
/// given, so an external DTD or entity is never fetched. A DOCTYPE is tolerated only as a name with public and system
/// identifiers (what drawing programs write); one with an internal subset is refused, because that is where entities
/// are declared, and expanding them is how a few hundred bytes become gigabytes ("billion laughs"). Nesting depth and
/// element count are checked in a streaming pass before the tree is built, so neither a deep file (the SVG library
/// recurses per level) nor a huge one gets that far.
/// </summary>
internal static class SvgMarkupReader
{
    /// <summary>How deeply elements may nest, here and through <c>&lt;use&gt;</c> references (see <see cref="SvgDrawingCost"/>).</summary>
    public const int MaxDepth = 256;

    private static readonly XNamespace SvgNamespace = "http://www.w3.org/2000/svg";

    /// <summary>
    /// Parses the document <paramref name="open"/> returns (called twice: a checking pass, then the tree) and
    /// returns it without its DOCTYPE, comments and processing instructions (an <c>xml-stylesheet</c> instruction
    /// names an external file).
    /// </summary>
    public static XDocument Read(Func<Stream> open, string name, long maxElements)
    {
        try
        {
            using (var stream = open())
            using (var reader = XmlReader.Create(stream, Settings()))
            {
                Check(reader, name, maxElements);
            }

            using (var stream = open())
            using (var reader = XmlReader.Create(stream, Settings()))
            {
                var document = XDocument.Load(reader);
                document.DocumentType?.Remove();
                return document;
            }
        }
        catch (XmlException e)
        {
            throw new MediaException(name, MediaStage.Decode, $"the SVG is not well-formed XML: {e.Message}", e);
        }
    }

    // DtdProcessing.Parse with no resolver reads an internal subset (so Check can see and refuse it) and never loads an
    // external one; Prohibit would also refuse the plain <!DOCTYPE svg PUBLIC …> that many drawing programs write.
    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Parse,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private static void Check(XmlReader reader, string name, long maxElements)
    {
        var elements = 0L;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.DocumentType && !string.IsNullOrWhiteSpace(reader.Value))
            {
                throw new MediaException(name, MediaStage.Decode,
                    "the SVG's DOCTYPE has an internal subset (<!DOCTYPE svg [ … ]>), where XML entities are declared; " +
                    "entity expansion is refused (a few nested entities can expand to gigabytes: the 'billion laughs' attack)");
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (elements++ == 0 && (reader.LocalName != "svg" || (reader.NamespaceURI.Length > 0 && reader.NamespaceURI != SvgNamespace.NamespaceName)))
            {
                throw new MediaException(name, MediaStage.Decode,
                    $"the XML document's root element is <{reader.Name}> in namespace '{reader.NamespaceURI}', not an SVG <svg>");
            }

            if (reader.Depth >= MaxDepth)
            {
                throw new MediaException(name, MediaStage.Probe,
                    $"the SVG nests elements more than {MaxDepth} levels deep; rejected (the SVG library would run out of stack)");
            }

            if (elements > maxElements)
            {
                throw new MediaException(name, MediaStage.Probe,
                    $"the SVG has more than {maxElements:N0} elements (Media:MaxSvgElements)");
            }
        }
    }
}
