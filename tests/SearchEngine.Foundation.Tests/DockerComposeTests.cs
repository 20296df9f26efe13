using YamlDotNet.RepresentationModel;

namespace SearchEngine.Foundation.Tests;

public sealed class DockerComposeTests
{
    private static YamlMappingNode LoadCompose()
    {
        var stream = new YamlStream();
        using var reader = new StringReader(Repository.Read("docker-compose.yml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Services() => (YamlMappingNode)LoadCompose()["services"];

    [Fact]
    public void Compose_defines_postgres_query_api_and_indexer()
    {
        var names = Services().Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();
        Assert.Superset(new HashSet<string?> { "postgres", "query-api", "indexer" }, names);
    }

    [Theory]
    [InlineData("query-api")]
    [InlineData("indexer")]
    public void Each_app_service_builds_from_a_dockerfile_in_deploy_that_exists(string service)
    {
        var build = (YamlMappingNode)((YamlMappingNode)Services()[service])["build"];
        var dockerfile = ((YamlScalarNode)build["dockerfile"]).Value!;
        Assert.StartsWith("deploy/", dockerfile, StringComparison.Ordinal);
        Assert.True(File.Exists(Repository.PathOf(dockerfile)), $"{dockerfile} is missing");
        Assert.Equal(".", ((YamlScalarNode)build["context"]).Value);
    }

    [Fact]
    public void App_services_mount_volumes_for_the_index_and_the_media()
    {
        var volumes = ((YamlMappingNode)LoadCompose()["volumes"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList();
        Assert.Contains("index", volumes);
        Assert.Contains("media", volumes);
        foreach (var service in new[] { "query-api", "indexer" })
        {
            var mounts = ((YamlSequenceNode)((YamlMappingNode)Services()[service])["volumes"]).Select(v => ((YamlScalarNode)v).Value!).ToList();
            Assert.Contains(mounts, m => m.StartsWith("index:", StringComparison.Ordinal));
            Assert.Contains(mounts, m => m.StartsWith("media:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_api_waits_for_a_healthy_database()
    {
        var dependsOn = (YamlMappingNode)((YamlMappingNode)Services()["query-api"])["depends_on"];
        var condition = ((YamlScalarNode)((YamlMappingNode)dependsOn["postgres"])["condition"]).Value;
        Assert.Equal("service_healthy", condition);
    }
}
