using System.Net;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using SearchEngine.Testing;

namespace SearchEngine.Cluster.Tests;

/// <summary>The membership table's optimistic concurrency against real PostgreSQL: a writer that read an old version loses.</summary>
public sealed class PostgresMembershipTableTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Members_round_trip_and_a_stale_version_or_row_etag_is_refused()
    {
        await using var dataSource = await TestCollection.OpenAsync(database);
        var table = new PostgresMembershipTable(dataSource, Options.Create(new ClusterOptions { ClusterId = "c1" }));
        var other = new PostgresMembershipTable(dataSource, Options.Create(new ClusterOptions { ClusterId = "c2" }));
        await table.InitializeMembershipTable(true);
        await other.InitializeMembershipTable(true);
        await table.InitializeMembershipTable(true);

        var empty = await table.ReadAll();
        Assert.Empty(empty.Members);
        var silo = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 42);
        var suspecter = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11112), 43);
        var started = new DateTime(2026, 12, 4, 18, 0, 0, DateTimeKind.Utc);
        var entry = new MembershipEntry
        {
            SiloAddress = silo, Status = SiloStatus.Joining, ProxyPort = 30000, HostName = "host", SiloName = "silo-0",
            StartTime = started, IAmAliveTime = started, UpdateZone = 1, FaultZone = 2,
            SuspectTimes = [Tuple.Create(suspecter, started.AddSeconds(3))],
        };

        Assert.True(await table.InsertRow(entry, empty.Version.Next()));
        // The same version again: someone (this writer) already moved it.
        Assert.False(await table.InsertRow(entry, empty.Version.Next()));
        Assert.Empty((await other.ReadAll()).Members);

        var read = await table.ReadAll();
        var (stored, etag) = Assert.Single(read.Members);
        Assert.Equal(1, read.Version.Version);
        Assert.Equal(silo, stored.SiloAddress);
        Assert.Equal(SiloStatus.Joining, stored.Status);
        Assert.Equal(30000, stored.ProxyPort);
        Assert.Equal(started, stored.StartTime);
        Assert.Equal((1, 2), (stored.UpdateZone, stored.FaultZone));
        var suspicion = Assert.Single(stored.SuspectTimes!);
        Assert.Equal((suspecter, started.AddSeconds(3)), (suspicion.Item1, suspicion.Item2));

        stored.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRow(stored, etag, read.Version.Next()));
        // A second writer that read the same version and etag loses, on the version and on the row.
        Assert.False(await table.UpdateRow(stored, etag, read.Version.Next()));
        var now = await table.ReadAll();
        Assert.False(await table.UpdateRow(stored, etag, now.Version.Next()));
        Assert.Equal(SiloStatus.Active, (await table.ReadRow(silo)).Members.Single().Item1.Status);

        // Heartbeats move only the row's time, not the version.
        stored.IAmAliveTime = started.AddMinutes(1);
        await table.UpdateIAmAlive(stored);
        var alive = await table.ReadAll();
        Assert.Equal(now.Version.Version, alive.Version.Version);
        Assert.Equal(started.AddMinutes(1), alive.Members.Single().Item1.IAmAliveTime);

        // Dead members older than the cutoff are cleaned up; others stay.
        var dead = alive.Members.Single();
        dead.Item1.Status = SiloStatus.Dead;
        Assert.True(await table.UpdateRow(dead.Item1, dead.Item2, alive.Version.Next()));
        await table.CleanupDefunctSiloEntries(started);
        Assert.Single((await table.ReadAll()).Members);
        await table.CleanupDefunctSiloEntries(started.AddHours(1));
        Assert.Empty((await table.ReadAll()).Members);
    }
}
