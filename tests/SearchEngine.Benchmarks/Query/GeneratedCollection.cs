using System.Globalization;
using Npgsql;
using SearchEngine.Core;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;

namespace SearchEngine.Benchmarks.Query;

/// <summary>
/// The scale part of the load benchmark: a collection of <c>count</c> documents whose vectors are generated (clustered
/// around random centres, L2-normalized, of the default pack's dimension) and whose captions are Flickr8k train
/// captions, so full-text fusion has real text to match. It is bound to the default pack, so text queries embed with
/// its text tower exactly as for an indexed collection. Kept between runs: rebuilt only when the count is wrong.
/// </summary>
internal sealed class GeneratedCollection(CollectionStore collections, DocumentStore documents, NpgsqlDataSource database)
{
    private const int Clusters = 512;
    private const int BatchSize = 2_000;

    public static string NameFor(int count) => $"bench-generated-{count.ToString(CultureInfo.InvariantCulture)}";

    public async Task<CollectionInfo> EnsureAsync(ModelPack pack, int count, CancellationToken cancellationToken = default)
    {
        var (collection, complete) = await collections.OpenAsync(database, NameFor(count), pack, count, cancellationToken);
        if (complete)
        {
            Console.Error.WriteLine($"[query] {collection.Name}: {count} documents already there");
            return collection;
        }

        var captions = BenchDatasets.Flickr8k("train").SelectMany(i => i.Captions).ToArray();
        var random = new Random(20261123);
        var dimension = pack.Dimension;
        var centres = Enumerable.Range(0, Clusters).Select(_ => Normalized(Gaussian(random, dimension, 1f))).ToArray();
        var spread = 1.2f / MathF.Sqrt(dimension); // noise of norm ~1.2 around unit centres: clusters overlap like real embeddings
        for (var start = 0; start < count; start += BatchSize)
        {
            var batch = new List<DocumentWrite>(BatchSize);
            for (var i = start; i < Math.Min(count, start + BatchSize); i++)
            {
                var centre = centres[random.Next(Clusters)];
                var noise = Gaussian(random, dimension, spread);
                for (var d = 0; d < dimension; d++)
                {
                    noise[d] += centre[d];
                }

                var uri = $"generated://{i.ToString(CultureInfo.InvariantCulture)}";
                batch.Add(new DocumentWrite(uri, Modality.Image, i.ToString("x64", CultureInfo.InvariantCulture), 0, [new Segment(SegmentKind.Whole, null, null, Normalized(noise))])
                {
                    Caption = captions[random.Next(captions.Length)],
                });
            }

            await documents.WriteAsync(collection, batch, cancellationToken);
            Console.Error.WriteLine($"[query] {collection.Name}: {Math.Min(count, start + BatchSize)}/{count} documents written");
        }

        return collection;
    }

    private static float[] Gaussian(Random random, int dimension, float scale)
    {
        var v = new float[dimension];
        for (var d = 0; d < dimension; d++)
        {
            // Box–Muller: one standard normal per pair of uniforms is enough here.
            v[d] = scale * MathF.Sqrt(-2f * MathF.Log(1f - random.NextSingle())) * MathF.Cos(2f * MathF.PI * random.NextSingle());
        }

        return v;
    }

    private static float[] Normalized(float[] v)
    {
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(v, v));
        System.Numerics.Tensors.TensorPrimitives.Divide(v, norm, v);
        return v;
    }
}
