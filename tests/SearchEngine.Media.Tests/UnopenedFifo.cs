using System.Diagnostics;

namespace SearchEngine.Media.Tests;

/// <summary>
/// A named pipe that counts the times something opened it for reading: a writer waits on it all along, and opening a
/// FIFO for writing returns only once a reader has opened it (a plain file could be read without leaving a trace).
/// Each reader gets an empty stream at once, so code that does open it fails an assertion instead of hanging.
/// </summary>
internal sealed class UnopenedFifo : IDisposable
{
    private readonly Task _writer;
    private int _opens;
    private volatile bool _closing;

    public UnopenedFifo(string path)
    {
        Path = path;
        File.Delete(path);
        // Linked into other test projects as well, so it makes the pipe without their helpers.
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { path } }) ?? throw new InvalidOperationException("mkfifo did not start"))
        {
            mkfifo.WaitForExit();
        }

        _writer = Task.Factory.StartNew(ServeReaders, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public string Path { get; }

    public string Uri => new Uri(Path).AbsoluteUri;

    /// <summary>Whether a reader has opened the pipe (after a moment for the writer to notice).</summary>
    public bool WasOpened => SpinWait.SpinUntil(() => Volatile.Read(ref _opens) > 0, TimeSpan.FromMilliseconds(200));

    private void ServeReaders()
    {
        while (true)
        {
            using (new FileStream(Path, FileMode.Open, FileAccess.Write))
            {
            }

            if (_closing)
            {
                return;
            }

            Interlocked.Increment(ref _opens);
        }
    }

    public void Dispose()
    {
        _closing = true;
        using (new FileStream(Path, FileMode.Open, FileAccess.Read)) // lets the waiting writer return and stop
        {
        }

        _writer.Wait(TimeSpan.FromSeconds(5));
        File.Delete(Path);
    }
}
