-- V006: the search cluster's member list (issue #15), so silos on several machines find each other through the
-- PostgreSQL they already read, and the list outlives any one silo. SearchEngine.Cluster's PostgresMembershipTable
-- implements Orleans' membership table on these two tables: one version row per cluster, which every membership
-- change (insert or update of a member) advances under optimistic concurrency, and one row per silo incarnation.
-- Heartbeats (i_am_alive) touch only their own row and neither version.
CREATE TABLE cluster_versions (
    cluster_id text PRIMARY KEY,
    version    integer NOT NULL CHECK (version >= 0),
    etag       integer NOT NULL
);

CREATE TABLE cluster_members (
    cluster_id    text NOT NULL REFERENCES cluster_versions (cluster_id) ON DELETE CASCADE,
    -- The silo's address with its generation (SiloAddress.ToParsableString): one row per incarnation.
    address       text NOT NULL,
    status        integer NOT NULL,
    proxy_port    integer NOT NULL,
    host_name     text NOT NULL,
    silo_name     text NOT NULL,
    role_name     text,
    update_zone   integer NOT NULL,
    fault_zone    integer NOT NULL,
    start_time    timestamptz NOT NULL,
    i_am_alive    timestamptz NOT NULL,
    -- Who suspects this silo and since when: "address@ticks" separated by '|', as Orleans keeps them.
    suspect_times text NOT NULL DEFAULT '',
    etag          integer NOT NULL,
    PRIMARY KEY (cluster_id, address)
);
