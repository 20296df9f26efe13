using System.Net.Http.Headers;
using System.Text;

namespace SearchEngine.QueryApi.Tests.BadInput;

/// <summary>Malformed and hostile multipart forms of POST /api/search (the form around the file, not the file's content).</summary>
internal static class MultipartCases
{
    private const string Surface = "multipart form";
    private const string C = SearchSite.Collection;

    public static IEnumerable<BadInputCase> Create(SearchSite site)
    {
        var image = site.Corpus.PathOf(SampleCorpus.DogImage);
        yield return Form("no file and no text", image, file: null, [("collection", C)], 400, "query");
        yield return Form("an empty file", image, file: ("file", "empty.jpg", []), [("collection", C)], 400, "empty");
        yield return Form("no collection", image, file: Image(image), [], 400, "collection");
        yield return Form("an unknown collection", image, file: Image(image), [("collection", "nope")], 404, "nope");
        yield return Form("the file under another name", image, file: ("upload", "dog.jpg", File.ReadAllBytes(image)), [("collection", C)], 400, "'file'");
        yield return Form("q over the length limit", image, file: Image(image), [("collection", C), ("q", new string('a', 2001))], 400, "2000");
        yield return new BadInputCase(Surface, "two files", client =>
        {
            var form = new MultipartFormDataContent { { new StringContent(C), "collection" } };
            form.Add(new ByteArrayContent(File.ReadAllBytes(image)), "file", "one.jpg");
            form.Add(new ByteArrayContent(File.ReadAllBytes(image)), "file", "two.jpg");
            return client.PostAsync(new Uri("/api/search", UriKind.Relative), form);
        }, 400, "one");

        foreach (var (field, value) in new[]
        {
            ("k", "ten"), ("k", "0"), ("k", "1e3"), ("modality", "smell"), ("rerank", "maybe"), ("diversity", "2"), ("diversity", "NaN"),
            ("ef", "abc"), ("ef", "99999999999"), ("min_relevance", "high"), ("documentId", "abc"), ("documentId", "1.5"),
            ("filter", "{oops"), ("filter", "[]"), ("filter", "{\"width\":{\"near\":3}}"),
        })
        {
            yield return Form($"{field}={value}", image, file: Image(image), [("collection", C), (field, value)], 400, field == "filter" && value.Contains("near", StringComparison.Ordinal) ? "near" : field);
        }

        yield return Form("2,000 form fields", image, file: Image(image), [("collection", C), .. Enumerable.Range(0, 2000).Select(i => ($"f{i}", "x"))], 400, "form");
        yield return Form("a 20 KB field name", image, file: Image(image), [("collection", C), (new string('n', 20_000), "x")], 400, "form");
        yield return Form("an upload over the limit", image, file: ("file", "huge.wav", new byte[SearchSite.UploadLimit + (256 * 1024)]), [("collection", C)], 413, "MaxUploadBytes");

        yield return Raw("multipart without a boundary", "multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"collection\"\r\n\r\nsample\r\n--x--\r\n", 400, "boundary");
        yield return Raw("a boundary that never appears", "multipart/form-data; boundary=abc", "hello, this is not multipart", 400, "form");
        yield return Raw("a form cut off before its end", "multipart/form-data; boundary=abc",
            "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dog.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff", 400, "form");
        yield return Raw("a part without headers", "multipart/form-data; boundary=abc", "--abc\r\n\r\nsample\r\n--abc--\r\n", 400, "collection");
        yield return Raw("an empty multipart body", "multipart/form-data; boundary=abc", "", 400, "collection");
        yield return Raw("a 200 KB boundary", "multipart/form-data; boundary=" + new string('b', 200_000), "--b\r\n", 400, "form");
        yield return Raw("an image posted raw", "image/jpeg", "\xff\xd8\xff\xe0 not really", 415, "Content-Type");
        yield return Raw("a form labelled text/plain", "text/plain", "collection=sample&q=dog", 415, "Content-Type");
        yield return Raw("a form labelled multipart/mixed", "multipart/mixed; boundary=abc", "--abc\r\n\r\nx\r\n--abc--\r\n", 415, "Content-Type");
    }

    private static (string Name, string FileName, byte[] Bytes) Image(string path) => ("file", Path.GetFileName(path), File.ReadAllBytes(path));

    private static BadInputCase Form(string name, string image, (string Name, string FileName, byte[] Bytes)? file, (string Key, string Value)[] fields, int status, string mustName)
    {
        _ = image;
        return new BadInputCase(Surface, name, client =>
        {
            var form = new MultipartFormDataContent();
            foreach (var (key, value) in fields)
            {
                form.Add(new StringContent(value), key);
            }

            if (file is { } f)
            {
                var content = new ByteArrayContent(f.Bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(content, f.Name, f.FileName);
            }

            return client.PostAsync(new Uri("/api/search", UriKind.Relative), form);
        }, status, mustName);
    }

    private static BadInputCase Raw(string name, string contentType, string body, int status, string mustName) =>
        JsonBodyCases.Raw(name, Encoding.Latin1.GetBytes(body), contentType, status, mustName) with { Surface = Surface };
}
