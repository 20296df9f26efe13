namespace SearchEngine.Storage.Migrations;

/// <summary>
/// The database's schema history does not match this build's migrations: an applied script was edited, or the database
/// was migrated by a newer build. The service refuses to start rather than run against a schema it does not know.
/// </summary>
public sealed class MigrationException : Exception
{
    /// <summary>Creates the error with a message saying what differs and what to do.</summary>
    public MigrationException(string message)
        : base(message)
    {
    }
}
