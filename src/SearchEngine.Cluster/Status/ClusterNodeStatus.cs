namespace SearchEngine.Cluster.Status;

/// <summary>One process that serves collections: a silo, or the query API itself in single-node mode.</summary>
/// <param name="Address">Where it runs (a silo's address; the machine name for a single node).</param>
/// <param name="Name">Its name (the silo's name, or the process's).</param>
/// <param name="Status">Its membership status in lower case (<c>active</c>, <c>joining</c>, <c>shutting_down</c>, <c>dead</c>, …).</param>
/// <param name="MemoryBytes">
/// Memory the process uses, when it reported it: a silo's managed memory as Orleans measures it (the replicas' native
/// index memory is in their own figures), a single node's working set.
/// </param>
/// <param name="Activations">Grain activations on the silo, when it reported them (null for a single node).</param>
public sealed record ClusterNodeStatus(string Address, string Name, string Status, long? MemoryBytes, int? Activations);
