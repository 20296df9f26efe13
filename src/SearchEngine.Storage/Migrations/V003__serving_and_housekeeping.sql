-- V003: the database's identity (index files record it), serving copies and the change log's pruned horizon
-- (housekeeping prunes segment_changes), the reason a job failed, and TRUNCATE refused on logged tables.

-- Drawn once when the schema is created: a database that is dropped and created again, or another database on the
-- same server, gets another one, so an index file copied from it is recognised as foreign and rebuilt.
CREATE TABLE database_identity (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    id         uuid NOT NULL DEFAULT gen_random_uuid(),
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO database_identity DEFAULT VALUES;

-- Each serving copy (a query API's in-memory index of a collection) records the change-log sequence it has applied,
-- written by its catch-up loop. Pruning keeps every entry a copy seen recently still needs.
CREATE TABLE serving_copies (
    copy_id       text NOT NULL CHECK (copy_id <> ''),
    collection_id bigint NOT NULL,
    sequence      bigint NOT NULL CHECK (sequence >= 0),
    seen_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (copy_id, collection_id)
);

-- The highest sequence pruning has deleted per collection. A copy (or file) older than it would miss deletes, so it
-- rebuilds from the segments instead of replaying.
CREATE TABLE change_log_horizons (
    collection_id  bigint PRIMARY KEY,
    pruned_through bigint NOT NULL CHECK (pruned_through >= 0)
);

ALTER TABLE jobs ADD COLUMN failure_reason text;
CREATE INDEX jobs_running ON jobs (collection_id) WHERE status = 'running';

-- TRUNCATE fires no row or statement DELETE trigger, so it would bypass the change log and leave deleted vectors in
-- every serving copy. Refuse it on every table whose rows the log describes.
CREATE FUNCTION se_forbid_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'TRUNCATE of % is not allowed: it bypasses the segment change log, so serving indexes would keep deleted vectors', TG_TABLE_NAME
        USING ERRCODE = 'feature_not_supported',
              HINT = 'Delete the collection instead (DELETE FROM collections WHERE name = ...), which logs every deleted segment; the next indexing job re-creates it.';
END $$;

CREATE TRIGGER collections_forbid_truncate BEFORE TRUNCATE ON collections FOR EACH STATEMENT EXECUTE FUNCTION se_forbid_truncate();
CREATE TRIGGER documents_forbid_truncate BEFORE TRUNCATE ON documents FOR EACH STATEMENT EXECUTE FUNCTION se_forbid_truncate();
CREATE TRIGGER segments_forbid_truncate BEFORE TRUNCATE ON segments FOR EACH STATEMENT EXECUTE FUNCTION se_forbid_truncate();
CREATE TRIGGER segment_changes_forbid_truncate BEFORE TRUNCATE ON segment_changes FOR EACH STATEMENT EXECUTE FUNCTION se_forbid_truncate();

-- A collection's newest sequence: its newest log entry, or the pruned horizon when pruning emptied the log (a copy at
-- that sequence is current, not "ahead of the database").
CREATE FUNCTION se_last_sequence(collection bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
    SELECT greatest(
        (SELECT coalesce(max(seq), 0) FROM segment_changes WHERE collection_id = collection),
        (SELECT coalesce(max(pruned_through), 0) FROM change_log_horizons WHERE collection_id = collection))
$$;
