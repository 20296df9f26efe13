using Microsoft.Extensions.DependencyInjection;
using SearchEngine.Embeddings.Clip;
using SearchEngine.Embeddings.Packs;

namespace SearchEngine.Embeddings.Tests.Clip;

public sealed class CrossModalTowerRegistrationTests
{
    [Fact]
    public void AddClipAndClapTowers_lets_the_pack_loader_build_all_four_tower_types_once()
    {
        var services = new ServiceCollection();
        services.AddModelPacks();
        services.AddClipAndClapTowers();
        services.AddClipAndClapTowers();
        using var provider = services.BuildServiceProvider();

        var types = provider.GetRequiredService<ModelPackLoader>().TowerTypes;

        Assert.Subset(types.ToHashSet(), new HashSet<string> { "clip-text", "clip-image", "clap-text", "clap-audio" });
        Assert.Equal(4, services.Count(d => d.ImplementationInstance is Towers.ITowerFactory f && f.Type.StartsWith("cl", StringComparison.Ordinal)));
    }
}
