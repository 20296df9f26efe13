namespace SearchEngine.QueryApi.Tests.BadInput;

/// <summary>
/// One hostile or malformed request: how to send it, the status it must get, and a word its problem details must
/// contain (so the client is told what is wrong, not only that something is).
/// </summary>
/// <param name="Surface">The input surface it attacks (query string, JSON body, multipart form, uploaded file, …).</param>
/// <param name="Name">What the case is, as it should read in a failure message.</param>
/// <param name="Send">Sends the request with the client given.</param>
/// <param name="Status">The status it must answer with (a 4xx).</param>
/// <param name="MustName">A word the problem's detail must contain (case-insensitive).</param>
public sealed record BadInputCase(string Surface, string Name, Func<HttpClient, Task<HttpResponseMessage>> Send, int Status, string MustName)
{
    public override string ToString() => $"{Surface}: {Name}";
}
