-- V004: audio fingerprints (landmark hashes of a document's sound track, one blob per document), logged in the same
-- change log as segments so that a serving copy follows one ordered log for its vectors and its fingerprints.

-- One row per audio or video document that has a fingerprint. The blob is SearchEngine.Fingerprints' stored form;
-- PostgreSQL never looks inside it. No foreign key, as for segments: statement triggers check a whole insert with one
-- join and delete a document's fingerprint with its document (see below).
CREATE TABLE fingerprints (
    document_id    bigint PRIMARY KEY,
    collection_id  bigint NOT NULL,
    landmark_count integer NOT NULL CHECK (landmark_count >= 0),
    data           bytea NOT NULL CHECK (octet_length(data) > 0)
) WITH (toast_tuple_target = 8160);

-- Hashes are as random as float noise: compressing them only costs time. A fingerprint of a long recording is larger
-- than a page and goes to TOAST uncompressed; a short one stays inline.
ALTER TABLE fingerprints ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE INDEX fingerprints_collection ON fingerprints (collection_id, document_id);

-- The log gains fingerprint entries: 'f' (a document's fingerprint was inserted; read it from fingerprints) and
-- 'g' (it was deleted). They carry the document instead of a segment. Readers that only know segments skip them
-- (an 'f' joins no segment, a 'g' is not 'd').
ALTER TABLE segment_changes ADD COLUMN document_id bigint;
ALTER TABLE segment_changes ALTER COLUMN segment_id DROP NOT NULL;
ALTER TABLE segment_changes DROP CONSTRAINT segment_changes_op_check;
ALTER TABLE segment_changes ADD CONSTRAINT segment_changes_op_check CHECK (
    (op IN ('i', 'd') AND segment_id IS NOT NULL AND document_id IS NULL) OR
    (op IN ('f', 'g') AND document_id IS NOT NULL AND segment_id IS NULL));

CREATE FUNCTION fingerprints_log_inserts() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    bad record;
BEGIN
    PERFORM se_lock_collection_writes(c.collection_id)
    FROM (SELECT DISTINCT collection_id FROM inserted_fingerprints ORDER BY 1) AS c;

    SELECT f.document_id, f.collection_id INTO bad
    FROM inserted_fingerprints AS f
    LEFT JOIN documents AS d ON d.id = f.document_id AND d.collection_id = f.collection_id
    WHERE d.id IS NULL
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'fingerprint of document % of collection %: no such document', bad.document_id, bad.collection_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;

    INSERT INTO segment_changes (collection_id, document_id, op)
    SELECT collection_id, document_id, 'f' FROM inserted_fingerprints ORDER BY document_id;
    RETURN NULL;
END $$;

CREATE FUNCTION fingerprints_log_deletes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM se_lock_collection_writes(c.collection_id)
    FROM (SELECT DISTINCT collection_id FROM deleted_fingerprints ORDER BY 1) AS c;
    INSERT INTO segment_changes (collection_id, document_id, op)
    SELECT collection_id, document_id, 'g' FROM deleted_fingerprints ORDER BY document_id;
    RETURN NULL;
END $$;

-- A fingerprint is replaced by a delete and an insert, so the log says so; an UPDATE would change it silently.
CREATE FUNCTION fingerprints_forbid_updates() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'fingerprints are immutable: delete and insert instead, so the change log stays complete';
END $$;

-- Deleting documents (directly, or by deleting their collection) deletes their fingerprints, which logs the deletes.
CREATE FUNCTION documents_delete_fingerprints() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM se_lock_collection_writes(c.collection_id)
    FROM (SELECT DISTINCT collection_id FROM deleted_documents ORDER BY 1) AS c;
    DELETE FROM fingerprints WHERE document_id IN (SELECT id FROM deleted_documents);
    RETURN NULL;
END $$;

CREATE TRIGGER documents_delete_fingerprints AFTER DELETE ON documents
    REFERENCING OLD TABLE AS deleted_documents FOR EACH STATEMENT EXECUTE FUNCTION documents_delete_fingerprints();
CREATE TRIGGER fingerprints_log_inserts AFTER INSERT ON fingerprints
    REFERENCING NEW TABLE AS inserted_fingerprints FOR EACH STATEMENT EXECUTE FUNCTION fingerprints_log_inserts();
CREATE TRIGGER fingerprints_log_deletes AFTER DELETE ON fingerprints
    REFERENCING OLD TABLE AS deleted_fingerprints FOR EACH STATEMENT EXECUTE FUNCTION fingerprints_log_deletes();
CREATE TRIGGER fingerprints_forbid_updates BEFORE UPDATE ON fingerprints
    FOR EACH STATEMENT EXECUTE FUNCTION fingerprints_forbid_updates();
CREATE TRIGGER fingerprints_forbid_truncate BEFORE TRUNCATE ON fingerprints
    FOR EACH STATEMENT EXECUTE FUNCTION se_forbid_truncate();
