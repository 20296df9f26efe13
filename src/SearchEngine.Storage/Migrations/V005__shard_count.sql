-- V005: how many shards a collection's serving copies are split into (issue #15). Segments are routed to shards by
-- SearchEngine.Core.Sharding.ShardRouting (a fixed hash of the segment id), so the database only records the count;
-- 1 (every existing collection) is the unsharded serving copy. The bound matches ShardRouting.MaxShardCount.
ALTER TABLE collections ADD COLUMN shard_count integer NOT NULL DEFAULT 1
    CONSTRAINT collections_shard_count_check CHECK (shard_count BETWEEN 1 AND 1024);
