using System.Net;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Messaging;

namespace SearchEngine.Cluster;

/// <summary>
/// Tells clients where the cluster's gateways are: the active members of <c>cluster_members</c> (see
/// <see cref="PostgresMembershipTable"/>) that accept clients, on their gateway (proxy) port.
/// </summary>
public sealed class PostgresGatewayListProvider(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster, IOptions<GatewayOptions> gateways)
    : IGatewayListProvider
{
    /// <inheritdoc />
    public TimeSpan MaxStaleness => gateways.Value.GatewayListRefreshPeriod;

    /// <inheritdoc />
    public bool IsUpdatable => true;

    /// <inheritdoc />
    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task<IList<Uri>> GetGateways()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(string Address, int ProxyPort)>(
            "SELECT address, proxy_port FROM cluster_members WHERE cluster_id = @clusterId AND status = @active AND proxy_port > 0",
            new { clusterId = cluster.Value.ClusterId, active = (int)SiloStatus.Active });
        return rows.Select(row =>
        {
            var silo = SiloAddress.FromParsableString(row.Address);
            return SiloAddress.New(new IPEndPoint(silo.Endpoint.Address, row.ProxyPort), silo.Generation).ToGatewayUri();
        }).ToList();
    }
}
