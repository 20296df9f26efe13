using System.Xml.Linq;

namespace SearchEngine.Media.Images;

/// <summary>
/// How many elements drawing an SVG tree takes once every <c>&lt;use&gt;</c> is replaced by a copy of what it points
/// to. Ten levels of ten <c>&lt;use&gt;</c>s each fit in a kilobyte and ask for ten billion shapes (the SVG library
/// spends tens of seconds on a million), so the count is checked against a limit before drawing, and so is the
/// nesting depth through references, which the library follows by recursion.
/// </summary>
internal static class SvgDrawingCost
{
    private static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";

    public static void Check(XDocument document, string name, long maxElements)
    {
        var root = document.Root ?? throw new MediaException(name, MediaStage.Decode, "the SVG has no root element");
        var byId = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var element in root.DescendantsAndSelf())
        {
            if (element.Attribute("id")?.Value is { } id)
            {
                byId.TryAdd(id, element);
            }
        }

        new Counter(byId, name, maxElements).Count(root, depth: 0);
    }

    private sealed class Counter(Dictionary<string, XElement> byId, string name, long maxElements)
    {
        // Per element: the elements drawing it takes and how many levels its drawing nests below it.
        private readonly Dictionary<XElement, (long Elements, int Height)> _counted = [];
        private readonly HashSet<XElement> _open = [];

        public (long Elements, int Height) Count(XElement element, int depth)
        {
            // Checked on the way down too, so a long chain of references cannot exhaust this method's own stack.
            if (depth > SvgMarkupReader.MaxDepth)
            {
                throw TooDeep();
            }

            if (!_counted.TryGetValue(element, out var cost))
            {
                if (!_open.Add(element))
                {
                    return (0, 0); // a reference cycle: the library draws nothing for it
                }

                cost = (1, 0);
                foreach (var child in element.Elements())
                {
                    cost = Add(cost, Count(child, depth + 1));
                }

                if (element.Name.LocalName == "use" && Target(element) is { } target)
                {
                    cost = Add(cost, Count(target, depth + 1));
                }

                _open.Remove(element);
                _counted[element] = cost;
            }

            if (depth + cost.Height > SvgMarkupReader.MaxDepth)
            {
                throw TooDeep();
            }

            return cost;
        }

        private MediaException TooDeep() => new(name, MediaStage.Probe,
            $"the SVG nests elements more than {SvgMarkupReader.MaxDepth} levels deep through <use> references; " +
            "rejected (the SVG library would run out of stack)");

        private (long Elements, int Height) Add((long Elements, int Height) total, (long Elements, int Height) below)
        {
            var elements = total.Elements + below.Elements;
            if (elements > maxElements)
            {
                throw new MediaException(name, MediaStage.Probe,
                    $"the SVG draws more than {maxElements:N0} elements once its <use> references are expanded " +
                    "(Media:MaxSvgElements); rejected as a possible amplification attack");
            }

            return (elements, Math.Max(total.Height, below.Height + 1));
        }

        private XElement? Target(XElement use)
        {
            var link = (use.Attribute("href") ?? use.Attribute(XLink + "href"))?.Value.Trim();
            return link is ['#', .. var id] && byId.TryGetValue(id, out var target) ? target : null;
        }
    }
}
