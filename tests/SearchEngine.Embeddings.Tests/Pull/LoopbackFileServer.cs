using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SearchEngine.Embeddings.Tests.Pull;

/// <summary>
/// A minimal HTTP/1.1 file server on 127.0.0.1 (raw sockets, one request per connection) with byte-range support and
/// switches to misbehave: cut the body short, ignore Range. Loopback only; nothing leaves the machine.
/// </summary>
internal sealed class LoopbackFileServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackFileServer()
    {
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public ConcurrentDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request's path and Range header (null when absent), in order.</summary>
    public ConcurrentQueue<(string Path, string? Range)> Requests { get; } = new();

    /// <summary>When set, the next response stops after this many body bytes and closes the connection.</summary>
    public int? CutNextResponseAfter { get; set; }

    public bool IgnoreRange { get; set; }

    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    await RespondAsync(client.GetStream());
                }
                catch (IOException)
                {
                    // The client went away; the next test request gets a new connection.
                }
            }
        }
    }

    private async Task RespondAsync(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
        var requestLine = await reader.ReadLineAsync() ?? "";
        string? range = null;
        string? line;
        while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync()))
        {
            if (line.StartsWith("Range:", StringComparison.OrdinalIgnoreCase))
            {
                range = line["Range:".Length..].Trim();
            }
        }

        var path = requestLine.Split(' ')[1].TrimStart('/');
        Requests.Enqueue((path, range));
        if (!Files.TryGetValue(path, out var content))
        {
            await WriteAsync(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            return;
        }

        var start = 0;
        var status = "200 OK";
        if (range is not null && !IgnoreRange)
        {
            start = int.Parse(range["bytes=".Length..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture);
            if (start >= content.Length)
            {
                await WriteAsync(stream, $"HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */{content.Length}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                return;
            }

            status = "206 Partial Content";
        }

        var length = content.Length - start;
        var headers = $"HTTP/1.1 {status}\r\nContent-Length: {length}\r\nAccept-Ranges: bytes\r\nConnection: close\r\n" +
            (start > 0 ? $"Content-Range: bytes {start}-{content.Length - 1}/{content.Length}\r\n" : "") + "\r\n";
        await WriteAsync(stream, headers);
        var send = CutNextResponseAfter is { } cut ? Math.Min(cut, length) : length;
        CutNextResponseAfter = null;
        await stream.WriteAsync(content.AsMemory(start, send));
        await stream.FlushAsync();
    }

    private static Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();
}
