// The failover test times a query against a killed silo: other clusters running beside it on two cores would only add noise.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
