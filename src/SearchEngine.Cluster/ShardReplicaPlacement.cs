using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace SearchEngine.Cluster;

/// <summary>
/// Places replica r of shard s on silo (s + r) mod n of the n compatible silos in address order, so a shard's replicas
/// (up to n of them) sit on different silos and one lost silo never takes a whole shard with it, which random placement
/// allows. Every silo computes the same answer from the same member list. When the list changes (a silo joins or dies),
/// new activations follow the new list, and active replicas that it places elsewhere move there one replica of a shard
/// at a time (<see cref="ShardReplicaGrain"/>).
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class ShardReplicaPlacement : PlacementStrategy
{
    /// <summary>The one instance the attribute names.</summary>
    public static ShardReplicaPlacement Instance { get; } = new();

    /// <summary>
    /// The silo of <paramref name="silos"/> that <paramref name="replica"/> belongs on: the placement director and the
    /// replicas that check their own place both ask this, so they never disagree.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="silos"/> is empty.</exception>
    public static SiloAddress SiloFor(ShardReplicaKey replica, IEnumerable<SiloAddress> silos)
    {
        ArgumentNullException.ThrowIfNull(silos);
        var ordered = silos.Order().ToArray();
        if (ordered.Length == 0)
        {
            throw new ArgumentException($"No silo to place {replica} on.", nameof(silos));
        }

        return ordered[(replica.Shard.Index + replica.Replica) % ordered.Length];
    }
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
        var silos = context.GetCompatibleSilos(target);
        if (silos.Length == 0)
        {
            throw new OrleansException($"No silo can host {target.GrainIdentity}.");
        }

        return Task.FromResult(ShardReplicaPlacement.SiloFor(ShardReplicaKey.Parse(target.GrainIdentity.Key.ToString()), silos));
    }
}
