using System.Globalization;
using SearchEngine.Core.Sharding;

namespace SearchEngine.Cluster;

/// <summary>
/// Names one replica of one shard of a collection: the string key of its <see cref="IShardReplicaGrain"/>,
/// <c>{collection}/{shard}of{count}/r{replica}</c>. The shard count is part of the key so that replicas opened for
/// another count (before or after a collection is resharded) are other grains, never a copy that routes differently.
/// </summary>
/// <param name="Collection">The collection's name.</param>
/// <param name="Shard">The shard, with the collection's shard count.</param>
/// <param name="Replica">Which replica of the shard (0-based).</param>
public readonly record struct ShardReplicaKey(string Collection, Shard Shard, int Replica)
{
    /// <summary>The grain key.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Collection}/{Shard.Index}of{Shard.Count}/r{Replica}");

    /// <summary>Reads a key written by <see cref="ToString"/>; the collection name may itself contain '/'.</summary>
    /// <exception cref="FormatException">The key is not of that form.</exception>
    public static ShardReplicaKey Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var replicaAt = key.LastIndexOf('/');
        var shardAt = replicaAt > 0 ? key.LastIndexOf('/', replicaAt - 1) : -1;
        if (shardAt <= 0)
        {
            throw new FormatException($"'{key}' is not a shard replica key (collection/{{shard}}of{{count}}/r{{replica}}).");
        }

        var shard = key.AsSpan(shardAt + 1, replicaAt - shardAt - 1);
        var of = shard.IndexOf("of", StringComparison.Ordinal);
        var replica = key.AsSpan(replicaAt + 1);
        if (of <= 0 || replica.Length < 2 || replica[0] != 'r'
            || !int.TryParse(shard[..of], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(shard[(of + 2)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || !int.TryParse(replica[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new FormatException($"'{key}' is not a shard replica key (collection/{{shard}}of{{count}}/r{{replica}}).");
        }

        try
        {
            return new ShardReplicaKey(key[..shardAt], new Shard(index, count).Validated(), number);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException($"'{key}' names no shard: {e.Message}", e);
        }
    }
}
