using Microsoft.Extensions.DependencyInjection;
using SearchEngine.Embeddings.Offline;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Tests.Fixtures;
using SearchEngine.Embeddings.Towers;

namespace SearchEngine.Embeddings.Tests.Packs;

public sealed class AddModelPacksTests
{
    [Fact]
    public void Registers_all_three_offline_factories_once_and_loads_the_default_pack()
    {
        using var pack = new TestPack(withText: false);
        var services = new ServiceCollection();
        services.AddModelPacks(o =>
        {
            o.PacksFolder = pack.PacksFolder;
            o.DefaultPackId = "offline-test";
        });
        services.AddModelPacks(); // a second call adds nothing twice

        using var provider = services.BuildServiceProvider();
        var types = provider.GetServices<ITowerFactory>().Select(f => f.Type).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { GloveTextTower.TypeName, SentenceTextTower.TypeName, MobileNetImageTower.TypeName, YamnetAudioTower.TypeName }.Order(StringComparer.Ordinal), types);

        var registry = provider.GetRequiredService<ModelPackRegistry>();
        var loaded = registry.Get();
        Assert.Equal("offline-test", loaded.Id);
        Assert.NotNull(loaded.Image);
        Assert.NotNull(loaded.Audio);
        Assert.Null(loaded.Text);
        var error = Assert.Throws<NotSupportedException>(() => loaded.RequireText());
        Assert.Contains("no text tower", error.Message, StringComparison.Ordinal);
    }
}
