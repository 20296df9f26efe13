namespace SearchEngine.QueryApi.Access;

/// <summary>
/// Decides (and logs) <see cref="AnonymousRead"/> as soon as the server has started and its addresses are known, so the
/// log says at start whether the API may be read without a key.
/// </summary>
internal sealed class AnonymousReadAtStart(IHostApplicationLifetime lifetime, AnonymousRead anonymousRead) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = anonymousRead.Allowed);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
