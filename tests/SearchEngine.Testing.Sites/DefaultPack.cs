using SearchEngine.Core;

namespace SearchEngine.Testing.Sites;

/// <summary>
/// The trained offline pack that deploy/test.sh builds before the tests (searchengine-indexer pack ensure-default):
/// the direction tests need a pack that really binds images, text and audio, which no stub can stand in for.
/// </summary>
public static class DefaultPack
{
    public const string Id = "offline";

    public static string PacksFolder
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("SEARCHENGINE_PACKS") ?? Path.Combine(CacheDirectory.Root, "packs");
            if (!Directory.EnumerateFiles(folder, "pack.json", SearchOption.AllDirectories).Any())
            {
                throw new InvalidOperationException(
                    $"No trained model pack in '{folder}'. Build it first: dotnet run --project indexer -- train (deploy/train-pack.sh).");
            }

            return folder;
        }
    }
}
