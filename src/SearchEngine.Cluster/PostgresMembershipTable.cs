using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace SearchEngine.Cluster;

/// <summary>
/// Orleans' membership table in the project's PostgreSQL (migration V006: <c>cluster_versions</c>,
/// <c>cluster_members</c>), so silos on several machines find each other through the database they already read and the
/// member list outlives any silo. Every change to a member checks and advances the cluster's version row in the same
/// transaction (Orleans' optimistic concurrency: a writer that read an older version loses and rereads); a member's
/// own row carries an etag for the same reason. Heartbeats change only their row's <c>i_am_alive</c>.
/// </summary>
public sealed class PostgresMembershipTable(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster) : IMembershipTable
{
    private readonly string _clusterId = cluster.Value.ClusterId;

    private const string MemberColumns =
        "address, status, proxy_port, host_name, silo_name, role_name, update_zone, fault_zone, start_time, i_am_alive, suspect_times, etag";

    /// <inheritdoc />
    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        if (!tryInitTableVersion)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO cluster_versions (cluster_id, version, etag) VALUES (@clusterId, 0, 0) ON CONFLICT (cluster_id) DO NOTHING",
            new { clusterId = _clusterId });
    }

    /// <inheritdoc />
    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("DELETE FROM cluster_versions WHERE cluster_id = @clusterId", new { clusterId });
    }

    /// <inheritdoc />
    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "DELETE FROM cluster_members WHERE cluster_id = @clusterId AND status = @dead AND i_am_alive < @beforeDate",
            new { clusterId = _clusterId, dead = (int)SiloStatus.Dead, beforeDate = beforeDate.UtcDateTime });
    }

    /// <inheritdoc />
    public Task<MembershipTableData> ReadRow(SiloAddress key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ReadAsync(key.ToParsableString());
    }

    /// <inheritdoc />
    public Task<MembershipTableData> ReadAll() => ReadAsync(null);

    /// <inheritdoc />
    public async Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (!await AdvanceVersionAsync(connection, transaction, tableVersion))
        {
            return false;
        }

        var inserted = await connection.ExecuteAsync(
            $"""
            INSERT INTO cluster_members (cluster_id, {MemberColumns})
            VALUES (@ClusterId, @Address, @Status, @ProxyPort, @HostName, @SiloName, @RoleName, @UpdateZone, @FaultZone, @StartTime, @IAmAlive, @SuspectTimes, 0)
            ON CONFLICT (cluster_id, address) DO NOTHING
            """, Parameters(entry), transaction);
        if (inserted == 0)
        {
            return false;
        }

        await transaction.CommitAsync();
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        if (!int.TryParse(etag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rowEtag))
        {
            return false;
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (!await AdvanceVersionAsync(connection, transaction, tableVersion))
        {
            return false;
        }

        var parameters = new DynamicParameters(Parameters(entry));
        parameters.Add("Etag", rowEtag);
        var updated = await connection.ExecuteAsync(
            """
            UPDATE cluster_members SET status = @Status, proxy_port = @ProxyPort, host_name = @HostName, silo_name = @SiloName,
                role_name = @RoleName, update_zone = @UpdateZone, fault_zone = @FaultZone, start_time = @StartTime,
                i_am_alive = @IAmAlive, suspect_times = @SuspectTimes, etag = etag + 1
            WHERE cluster_id = @ClusterId AND address = @Address AND etag = @Etag
            """, parameters, transaction);
        if (updated == 0)
        {
            return false;
        }

        await transaction.CommitAsync();
        return true;
    }

    /// <inheritdoc />
    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "UPDATE cluster_members SET i_am_alive = @iAmAlive WHERE cluster_id = @clusterId AND address = @address",
            new { clusterId = _clusterId, address = entry.SiloAddress.ToParsableString(), iAmAlive = entry.IAmAliveTime.ToUniversalTime() });
    }

    /// <summary>
    /// Moves the cluster's version to <paramref name="tableVersion"/> if nobody moved it since the caller read it
    /// (its etag still matches); false when someone did, and the caller must reread.
    /// </summary>
    private async Task<bool> AdvanceVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TableVersion tableVersion)
    {
        if (!int.TryParse(tableVersion.VersionEtag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var etag))
        {
            return false;
        }

        return await connection.ExecuteAsync(
            "UPDATE cluster_versions SET version = @version, etag = etag + 1 WHERE cluster_id = @clusterId AND etag = @etag",
            new { clusterId = _clusterId, version = tableVersion.Version, etag }, transaction) == 1;
    }

    /// <summary>The version row and the members (all, or the one at <paramref name="address"/>) read in one snapshot.</summary>
    private async Task<MembershipTableData> ReadAsync(string? address)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        var version = await connection.QuerySingleOrDefaultAsync<(int Version, int Etag)?>(
            "SELECT version, etag FROM cluster_versions WHERE cluster_id = @clusterId", new { clusterId = _clusterId }, transaction);
        var tableVersion = version is { } v
            ? new TableVersion(v.Version, v.Etag.ToString(CultureInfo.InvariantCulture))
            : new TableVersion(0, "0");
        var rows = await connection.QueryAsync<MemberRow>(
            $"""
            SELECT {MemberColumns} FROM cluster_members
            WHERE cluster_id = @clusterId AND (@address::text IS NULL OR address = @address)
            """, new { clusterId = _clusterId, address }, transaction);
        var entries = rows.Select(row => Tuple.Create(row.ToEntry(), row.Etag.ToString(CultureInfo.InvariantCulture))).ToList();
        return new MembershipTableData(entries, tableVersion);
    }

    private object Parameters(MembershipEntry entry) => new
    {
        ClusterId = _clusterId,
        Address = entry.SiloAddress.ToParsableString(),
        Status = (int)entry.Status,
        entry.ProxyPort,
        HostName = entry.HostName ?? "",
        SiloName = entry.SiloName ?? "",
        entry.RoleName,
        entry.UpdateZone,
        entry.FaultZone,
        StartTime = entry.StartTime.ToUniversalTime(),
        IAmAlive = entry.IAmAliveTime.ToUniversalTime(),
        SuspectTimes = SuspectTimes.Write(entry.SuspectTimes),
    };

    // Dapper maps by column name into this row type.
    private sealed class MemberRow
    {
        public string Address { get; init; } = "";
        public int Status { get; init; }
        public int Proxy_Port { get; init; }
        public string Host_Name { get; init; } = "";
        public string Silo_Name { get; init; } = "";
        public string? Role_Name { get; init; }
        public int Update_Zone { get; init; }
        public int Fault_Zone { get; init; }
        public DateTime Start_Time { get; init; }
        public DateTime I_Am_Alive { get; init; }
        public string Suspect_Times { get; init; } = "";
        public int Etag { get; init; }

        public MembershipEntry ToEntry() => new()
        {
            SiloAddress = SiloAddress.FromParsableString(Address),
            Status = (SiloStatus)Status,
            ProxyPort = Proxy_Port,
            HostName = Host_Name,
            SiloName = Silo_Name,
            RoleName = Role_Name,
            UpdateZone = Update_Zone,
            FaultZone = Fault_Zone,
            StartTime = DateTime.SpecifyKind(Start_Time, DateTimeKind.Utc),
            IAmAliveTime = DateTime.SpecifyKind(I_Am_Alive, DateTimeKind.Utc),
            SuspectTimes = SuspectTimes.Read(Suspect_Times),
        };
    }
}
