namespace SearchEngine.Web.Tests.RealApi;

/// <summary>
/// The real query-api, over a real PostgreSQL, serving the page and one small indexed collection. The tests in
/// <see cref="SearchWithApiTests{TSite}"/> run against any implementation of this; it is started by whoever owns the
/// API's test fixture (see the README in this folder).
/// </summary>
public abstract class IndexedCollectionSite : Site.SearchSiteFixture
{
    /// <summary>The collection the tests search.</summary>
    public abstract string Collection { get; }

    /// <summary>A text query and the file name (the end of its URI) of an image the index must rank near the top for it.</summary>
    public abstract ExpectedMatch TextMatch { get; }

    /// <summary>An image file to search by example (it need not be in the collection).</summary>
    public abstract string ExampleImagePath { get; }

    /// <summary>An audio file to search by example; audio documents in the collection should come back with segments.</summary>
    public abstract string ExampleAudioPath { get; }

    /// <summary>
    /// A text query nothing in the collection matches well, for a collection whose pack is calibrated: words no model
    /// pack knows, so the query carries no meaning at all.
    /// </summary>
    public virtual string UnmatchedQuery => "qwxz blorf vrrk";
}

/// <summary>A text query whose results must include the image whose URI ends with <paramref name="FileName"/> among the first <paramref name="Within"/>.</summary>
public sealed record ExpectedMatch(string Query, string FileName, int Within = 5);
