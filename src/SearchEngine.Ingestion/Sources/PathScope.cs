namespace SearchEngine.Ingestion.Sources;

/// <summary>Where a manifest's paths may lead: the roots, and whether the operator configured them (Media:Roots).</summary>
internal sealed record PathScope(Media.Files.MediaRoots Roots, bool Configured);
