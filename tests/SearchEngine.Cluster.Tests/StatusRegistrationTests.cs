using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SearchEngine.Cluster.Status;

namespace SearchEngine.Cluster.Tests;

/// <summary>Which status reader a process gets: the cluster's where it has an Orleans client, its own where it does not.</summary>
public sealed class StatusRegistrationTests
{
    [Fact]
    public void A_cluster_client_reads_the_status_from_the_silos()
    {
        var services = new ServiceCollection().AddSearchEngineShardedQueries();
        Assert.Equal(typeof(ClusterStatusReader), Assert.Single(services, d => d.ServiceType == typeof(IClusterStatusReader)).ImplementationType);
    }

    [Fact]
    public void A_single_node_reads_its_own_status_and_starts_no_orleans_client()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddSearchEngineClusterMember(o => o.Enabled = false);
        Assert.Equal(typeof(SingleNodeStatusReader), Assert.Single(builder.Services, d => d.ServiceType == typeof(IClusterStatusReader)).ImplementationType);
        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(IClusterClient));
    }
}
