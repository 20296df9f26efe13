using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SearchEngine.Storage.Migrations;

namespace SearchEngine.Storage;

/// <summary>Applies pending migrations before the host starts serving (when <see cref="StorageOptions.MigrateOnStart"/> is set).</summary>
internal sealed class StorageMigrationService(MigrationRunner runner, IOptions<StorageOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            await runner.ApplyAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
