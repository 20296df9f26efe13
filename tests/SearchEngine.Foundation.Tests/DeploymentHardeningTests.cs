using YamlDotNet.RepresentationModel;

namespace SearchEngine.Foundation.Tests;

/// <summary>Compose and the images: loopback-only ports, restarts, the API on the read role, non-root images with a restore layer.</summary>
public sealed class DeploymentHardeningTests
{
    private static YamlMappingNode Service(string name)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(Repository.Read("docker-compose.yml"));
        stream.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["services"])[name];
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("query-api")]
    public void Published_ports_bind_to_loopback_only_and_long_running_services_restart(string service)
    {
        var ports = ((YamlSequenceNode)Service(service)["ports"]).Select(p => ((YamlScalarNode)p).Value!).ToList();
        Assert.NotEmpty(ports);
        Assert.All(ports, p => Assert.StartsWith("127.0.0.1:", p, StringComparison.Ordinal));
        Assert.Equal("unless-stopped", ((YamlScalarNode)Service(service)["restart"]).Value);
    }

    [Fact]
    public void The_api_connects_as_the_write_role_after_migrate_created_it()
    {
        var api = Service("query-api");
        var connection = ((YamlScalarNode)((YamlMappingNode)api["environment"])["ConnectionStrings__Search"]).Value!;
        Assert.Contains("Username=searchengine_api", connection, StringComparison.Ordinal);
        var migrate = ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)api["depends_on"])["migrate"])["condition"]).Value;
        Assert.Equal("service_completed_successfully", migrate);
        var command = ((YamlSequenceNode)Service("migrate")["command"]).Select(c => ((YamlScalarNode)c).Value).ToList();
        Assert.Equal(["migrate", "--write-role", "searchengine_api"], command);
    }

    [Theory]
    [InlineData("deploy/Dockerfile.query-api")]
    [InlineData("deploy/Dockerfile.indexer")]
    public void Images_restore_from_project_files_first_and_run_as_a_non_root_user(string dockerfile)
    {
        var lines = Repository.Read(dockerfile).Split('\n').Select(l => l.Trim()).ToList();
        var restore = lines.FindIndex(l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var copyAll = lines.FindIndex(l => l == "COPY . .");
        Assert.True(restore > 0 && copyAll > restore, "dotnet restore runs before the sources are copied, so its layer is cached");
        Assert.All(lines.Take(restore).Where(l => l.StartsWith("COPY", StringComparison.Ordinal)),
            l => Assert.True(l.Contains(".csproj", StringComparison.Ordinal) || l.Contains(".props", StringComparison.Ordinal) || l.Contains("deploy/build", StringComparison.Ordinal), l));
        var user = lines.FindLastIndex(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.True(user > lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal)), "the final stage switches to a user");
        Assert.NotEqual("USER root", lines[user]);
    }

    [Fact]
    public void The_build_context_leaves_out_build_outputs_and_git()
    {
        var ignored = Repository.Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToHashSet();
        Assert.Superset(new HashSet<string> { "**/bin", "**/obj", "artifacts", ".git", "**/node_modules" }, ignored);
    }
}
