namespace SearchEngine.Storage;

/// <summary>Settings of the PostgreSQL storage (configuration section <c>Storage</c> by convention).</summary>
public sealed class StorageOptions
{
    /// <summary>Npgsql connection string, e.g. <c>Host=127.0.0.1;Username=searchengine;Password=…;Database=searchengine</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply pending schema migrations when the host starts (default true).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
