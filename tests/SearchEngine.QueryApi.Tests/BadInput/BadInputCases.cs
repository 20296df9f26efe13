namespace SearchEngine.QueryApi.Tests.BadInput;

/// <summary>
/// Every case of the bad-input suite, surface by surface. Each surface's cases live in a file of their own and are
/// added here; hostile files are generated into <paramref name="scratch"/> by the case lists, never committed.
/// </summary>
internal static class BadInputCases
{
    public static IReadOnlyList<BadInputCase> All(SearchSite site, string scratch) =>
    [
        .. QueryStringCases.Create(site),
        .. UploadedFileCases.Create(site, scratch),
        .. JsonBodyCases.Create(),
        .. MultipartCases.Create(site),
        .. FilterCases.Create(),
    ];
}
