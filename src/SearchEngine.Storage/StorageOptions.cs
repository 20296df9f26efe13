namespace SearchEngine.Storage;

/// <summary>Settings of the PostgreSQL storage (configuration section <c>Storage</c> by convention).</summary>
public sealed class StorageOptions
{
    /// <summary>Npgsql connection string, e.g. <c>Host=127.0.0.1;Username=searchengine;Password=…;Database=searchengine</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The server-side limit on every statement (PostgreSQL <c>statement_timeout</c>), or null for none. The query API
    /// sets a few seconds so a stuck query frees its pooled connection and becomes a 503 instead of piling up; the
    /// indexer keeps none, because a bulk COPY or a snapshot read may legitimately run for minutes.
    /// </summary>
    public TimeSpan? StatementTimeout { get; set; }

    /// <summary>The connection string the data source uses: <see cref="ConnectionString"/> with the statement timeout as a startup option.</summary>
    public string EffectiveConnectionString()
    {
        if (StatementTimeout is not { } timeout)
        {
            return ConnectionString;
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        var setting = $"-c statement_timeout={(long)timeout.TotalMilliseconds}";
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? setting : builder.Options + " " + setting;
        return builder.ConnectionString;
    }
}
