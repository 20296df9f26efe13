using System.Diagnostics;
using System.Text.Json;
using SearchEngine.Testing;
using Xunit.Abstractions;

namespace SearchEngine.QueryApi.Tests.Cluster;

/// <summary>
/// The query API joined to real silo processes, end to end over HTTP: a sharded collection answers exactly as the same
/// collection searched whole, <c>GET /api/cluster</c> shows the silos and every replica caught up, and kill -9 of the
/// silo holding a shard's only replica costs that shard (a partial answer within the shard timeout, naming it) until the
/// replica reactivates on a survivor. One test, in that order: the kill ends the cluster the first two parts need.
/// </summary>
public sealed class ClusterEndToEndTests(ClusterSite site, ITestOutputHelper output) : IClassFixture<ClusterSite>
{
    private const string C = ClusterSite.Collection;

    /// <summary>How long the silos may take to see each other, place every replica and catch up.</summary>
    private static readonly TimeSpan Settling = TimeSpan.FromMinutes(1);

    /// <summary>How long a killed silo's replica may take to reactivate on a survivor (the kill test measured ~2 s).</summary>
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    /// <summary>A query's allowance over the shard timeout for the rest of the pipeline (embedding, rerank) on two busy cores.</summary>
    private static readonly TimeSpan PipelineSlack = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task A_sharded_collection_answers_like_a_single_node_reports_its_replicas_and_degrades_to_partial_when_a_shard_is_lost()
    {
        var status = await CaughtUpStatusAsync();
        AssertClusterStatus(status, await SingleNodeVectorsAsync());
        await AssertSameAnswersAsync();
        await AssertPartialAfterLossThenFullAsync(status);
    }

    /// <summary>
    /// Polls <c>GET /api/cluster</c> (asking a replica activates it) until every silo is active, every replica answered
    /// at lag 0, and the replicas sit where placement puts them over all three silos (shard s on silo s mod 3): a replica
    /// activated while a silo had not yet seen the others would move once it does, leaving its shard bare for a moment.
    /// </summary>
    private async Task<JsonElement> CaughtUpStatusAsync()
    {
        JsonElement status = default;
        await Eventually.ThatAsync(async () =>
        {
            status = await site.Clustered.GetJsonAsync("/api/cluster");
            if (status.GetProperty("nodes").EnumerateArray().Count(n => n.GetProperty("status").GetString() == "active") != ClusterSite.SiloCount)
            {
                return false;
            }

            var replicas = Replicas(status).ToList();
            if (replicas.Count != ClusterSite.Shards || replicas.Any(r => r.Replica.GetProperty("lag").ValueKind != JsonValueKind.Number
                                                                          || r.Replica.GetProperty("lag").GetInt64() != 0))
            {
                return false;
            }

            var silos = replicas.ToDictionary(r => r.Shard, r => r.Replica.GetProperty("silo").GetString());
            return silos[0] != silos[1] && silos[1] != silos[2] && silos[0] != silos[2] && silos[3] == silos[0];
        }, Settling, $"the cluster did not settle with every replica placed and caught up; last status {status}\n{site.SiloTails}");
        return status;
    }

    private static void AssertClusterStatus(JsonElement status, long singleNodeVectors)
    {
        Assert.Equal("cluster", status.GetProperty("mode").GetString());
        var nodes = status.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(ClusterSite.SiloCount, nodes.Count);
        var collection = Assert.Single(status.GetProperty("collections").EnumerateArray(), c => c.GetProperty("name").GetString() == C);
        Assert.Equal(ClusterSite.Shards, collection.GetProperty("shard_count").GetInt32());
        Assert.Equal(0, collection.GetProperty("lag").GetInt64());
        Assert.Equal(Enumerable.Range(0, ClusterSite.Shards), collection.GetProperty("shards").EnumerateArray().Select(s => s.GetProperty("shard").GetInt32()));
        foreach (var (shard, replica) in Replicas(status))
        {
            Assert.Equal(JsonValueKind.Null, replica.GetProperty("problem").ValueKind);
            Assert.Equal(collection.GetProperty("head_sequence").GetInt64(), replica.GetProperty("sequence").GetInt64());
            Assert.True(replica.GetProperty("vectors").GetInt32() > 0, $"shard {shard} serves no vectors");
            var silo = replica.GetProperty("silo").GetString()!;
            Assert.Contains(nodes, n => silo.Contains(n.GetProperty("address").GetString()!, StringComparison.Ordinal)
                                        || n.GetProperty("address").GetString()!.Contains(silo, StringComparison.Ordinal));
        }

        // The shards partition the collection: their vectors add up to the whole copy the single node serves.
        Assert.Equal(singleNodeVectors, Replicas(status).Sum(r => (long)r.Replica.GetProperty("vectors").GetInt32()));
        Assert.Equal(singleNodeVectors, collection.GetProperty("vectors").GetInt64());
    }

    /// <summary>Text, image and more-like-this queries: the same documents in the same order with the same scores, and complete.</summary>
    private async Task AssertSameAnswersAsync()
    {
        foreach (var url in new[]
                 {
                     $"/api/search?collection={C}&q=a dog running on the grass&k=12",
                     $"/api/search?collection={C}&q=a siren of an ambulance&modality=audio&k=4",
                     $"/api/search?collection={C}&q=how to bake a cake&modality=text&k=5&rerank=false",
                 })
        {
            AssertSame(url, await site.SingleNode.GetJsonAsync(url), await site.Clustered.GetJsonAsync(url));
        }

        foreach (var (image, modality) in new[] { (SampleCorpus.DogImage, "image"), (SampleCorpus.BeachImage, "text"), (SampleCorpus.BikeImage, "image") })
        {
            var fields = new Dictionary<string, string> { ["collection"] = C, ["modality"] = modality, ["k"] = "6" };
            var path = site.Corpus.PathOf(image);
            AssertSame($"{image} → {modality}", await site.SingleNode.UploadAsync(path, fields), await site.Clustered.UploadAsync(path, fields));
        }

        var dog = (await site.SingleNode.GetJsonAsync($"/api/search?collection={C}&q=a black dog&modality=image&k=1")).GetProperty("results")[0].GetProperty("id").GetInt64();
        var moreLikeThis = new { collection = C, documentId = dog, k = 8 };
        AssertSame($"more like document {dog}", await site.SingleNode.PostJsonAsync(moreLikeThis), await site.Clustered.PostJsonAsync(moreLikeThis));
    }

    /// <summary>
    /// Kills the silo of shard 1 (its only replica: shards 0 and 3 share silo0, so shard 1's silo holds no other), asks at
    /// once, and expects shard 1 missing within the shard timeout; then polls until answers are full and equal to the
    /// single node's again, with the replica on a surviving silo.
    /// </summary>
    private async Task AssertPartialAfterLossThenFullAsync(JsonElement status)
    {
        const int LostShard = 1;
        var replica = Replicas(status).Single(r => r.Shard == LostShard).Replica.GetProperty("silo").GetString()!;
        var victim = site.Silos.Single(s => replica.Contains(s.Endpoint + ":", StringComparison.Ordinal));
        var url = $"/api/search?collection={C}&q=a dog running on the grass&k=12";
        var expected = await site.SingleNode.GetJsonAsync(url);

        victim.Kill();
        var sinceKill = Stopwatch.StartNew();
        var partial = await site.Clustered.GetJsonAsync(url);
        var partialTook = sinceKill.Elapsed;
        output.WriteLine($"First query after killing {victim.Options.Name}: {partialTook.TotalSeconds:F2} s, partial {partial.GetProperty("partial")}");
        Assert.True(partialTook < ClusterSite.ShardTimeout + PipelineSlack, $"the query after the kill took {partialTook}");
        Assert.True(partial.GetProperty("partial").GetBoolean(), $"the query right after the kill was not partial: {partial}");
        // The killed silo may have held other shards' only replicas too: those are missing as well.
        Assert.Contains(LostShard, partial.GetProperty("missing_shards").EnumerateArray().Select(s => s.GetInt32()));
        Assert.NotEmpty(partial.GetProperty("results").EnumerateArray());

        JsonElement answer = default;
        await Eventually.ThatAsync(async () =>
        {
            answer = await site.Clustered.GetJsonAsync(url);
            return !answer.GetProperty("partial").GetBoolean();
        }, Recovery, $"shard {LostShard} did not come back after its silo was killed; last answer {answer}\n{site.SiloTails}");
        output.WriteLine($"Full answers again {sinceKill.Elapsed.TotalSeconds:F2} s after the kill");
        AssertSame($"{url} after recovery", expected, answer);

        var recovered = await site.Clustered.GetJsonAsync("/api/cluster");
        var moved = Replicas(recovered).Single(r => r.Shard == LostShard).Replica;
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("problem").ValueKind);
        Assert.DoesNotContain(victim.Endpoint + ":", moved.GetProperty("silo").GetString()!, StringComparison.Ordinal);
    }

    private async Task<long> SingleNodeVectorsAsync()
    {
        // The single node opens a collection on its first query; only then does its status list it.
        _ = await site.SingleNode.GetJsonAsync($"/api/search?collection={C}&q=dog&k=1");
        var status = await site.SingleNode.GetJsonAsync("/api/cluster");
        Assert.Equal("single-node", status.GetProperty("mode").GetString());
        return status.GetProperty("collections").EnumerateArray().Single(c => c.GetProperty("name").GetString() == C).GetProperty("vectors").GetInt64();
    }

    private static void AssertSame(string query, JsonElement singleNode, JsonElement clustered)
    {
        Assert.False(clustered.GetProperty("partial").GetBoolean(), $"{query}: partial: {clustered}");
        Assert.Empty(clustered.GetProperty("missing_shards").EnumerateArray());
        var expected = Hits(singleNode);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Hits(clustered));
    }

    /// <summary>
    /// Each hit as document, kind of match and score, in order: what a client sees of a ranking. Scores to five places:
    /// both APIs rescore with the same stored vectors, but one loads its copy from a file and the other rebuilds it.
    /// </summary>
    private static List<string> Hits(JsonElement response) =>
        [.. response.GetProperty("results").EnumerateArray().Select(r =>
            $"{r.GetProperty("id").GetInt64()} {Path.GetFileName(r.GetProperty("uri").GetString())} {r.GetProperty("match").GetString()} {r.GetProperty("score").GetSingle():R}")];

    private static IEnumerable<(int Shard, JsonElement Replica)> Replicas(JsonElement status) =>
        status.GetProperty("collections").EnumerateArray().Where(c => c.GetProperty("name").GetString() == C)
            .SelectMany(c => c.GetProperty("shards").EnumerateArray())
            .SelectMany(s => s.GetProperty("replicas").EnumerateArray().Select(r => (s.GetProperty("shard").GetInt32(), r)));
}
