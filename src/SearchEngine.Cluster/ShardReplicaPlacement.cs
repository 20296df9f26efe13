using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace SearchEngine.Cluster;

/// <summary>
/// Places replica r of shard s on silo (s + r) mod n of the n compatible silos in address order, so a shard's replicas
/// (up to n of them) sit on different silos and one lost silo never takes a whole shard with it, which random placement
/// allows. Every silo computes the same answer from the same member list. When the list changes (a silo dies), new
/// activations follow the new list; replicas already active stay where they are.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class ShardReplicaPlacement : PlacementStrategy
{
    /// <summary>The one instance the attribute names.</summary>
    public static ShardReplicaPlacement Instance { get; } = new();
}

/// <summary>Puts a grain's activations where <see cref="ShardReplicaPlacement"/> says.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ShardReplicaPlacementAttribute : PlacementAttribute
{
    /// <summary>Marks the class for <see cref="ShardReplicaPlacement"/>.</summary>
    public ShardReplicaPlacementAttribute()
        : base(ShardReplicaPlacement.Instance)
    {
    }
}

/// <summary>The placement director of <see cref="ShardReplicaPlacement"/>, registered on every silo.</summary>
public sealed class ShardReplicaPlacementDirector : IPlacementDirector
{
    /// <inheritdoc />
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var silos = context.GetCompatibleSilos(target).Order().ToArray();
        if (silos.Length == 0)
        {
            throw new OrleansException($"No silo can host {target.GrainIdentity}.");
        }

        var key = ShardReplicaKey.Parse(target.GrainIdentity.Key.ToString());
        return Task.FromResult(silos[(key.Shard.Index + key.Replica) % silos.Length]);
    }
}
