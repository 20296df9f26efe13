using System.CommandLine;
using SearchEngine.Core;
using SearchEngine.Ingestion.Sources;

namespace SearchEngine.Indexer.Commands;

/// <summary>
/// <c>sample-manifest</c>: writes the manifest of the bundled sample data (Flickr8k test images with their first
/// caption, UrbanSound8K fold 1 with its class as title) into the cache and prints its path.
/// </summary>
internal static class SampleManifestCommand
{
    public static Command Create()
    {
        var command = new Command("sample-manifest", "Write a manifest of the bundled sample data (Flickr8k test split, UrbanSound8K fold 1) and print its path.");
        command.SetAction(_ =>
        {
            try
            {
                var path = Path.Combine(CacheDirectory.Folder("manifests"), "sample.tsv");
                var rows = SampleManifest.Write(SharedData.Default, path);
                System.Console.Error.WriteLine($"sample manifest: {rows} files");
                System.Console.WriteLine(path);
                return 0;
            }
            catch (FileNotFoundException e)
            {
                System.Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
