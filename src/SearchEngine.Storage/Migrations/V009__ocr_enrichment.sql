-- V009: text read in pictures (issue #18). OCR text is stored as segments of kind 'ocr', embedded by the pack's text
-- tower like a caption, with the text itself and its word boxes beside the vector: the catalogue scores the text with
-- BM25 and the page draws the boxes. Segments stay immutable; a document read again gets new OCR segments.
ALTER TABLE segments DROP CONSTRAINT segments_kind_check;
ALTER TABLE segments ADD CONSTRAINT segments_kind_check CHECK (kind IN ('whole', 'frame', 'audio_window', 'caption', 'ocr'));
ALTER TABLE segments ADD COLUMN text text;
-- {"width": W, "height": H, "words": [{"text": "EXIT", "box": [x, y, w, h], "confidence": 91.5}, ...]} in the picture's pixels.
ALTER TABLE segments ADD COLUMN metadata jsonb CHECK (metadata IS NULL OR jsonb_typeof(metadata) = 'object');

-- One row per document an enrichment pass has finished with, for the content it read: the pass is resumable (a
-- document without a row for its current content is still to do) and never writes a document's text twice, because
-- the row and the segments commit together. A document whose file changes gets a new content hash, so it is read again.
-- No foreign key to documents, as for segments and fingerprints: a statement trigger deletes a deleted document's rows,
-- and documents stay a table no foreign key refers to, so that TRUNCATE meets the change log's own refusal.
CREATE TABLE enrichments (
    document_id    bigint NOT NULL,
    pass           text NOT NULL CHECK (pass IN ('ocr')),
    collection_id  bigint NOT NULL,
    content_sha256 text NOT NULL CHECK (length(content_sha256) = 64),
    outcome        text NOT NULL CHECK (outcome IN ('text', 'no_text', 'failed')),
    detail         text,
    words          integer NOT NULL DEFAULT 0 CHECK (words >= 0),
    finished_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, pass)
);

CREATE INDEX enrichments_collection ON enrichments (collection_id, pass, outcome);

CREATE FUNCTION documents_delete_enrichments() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM enrichments WHERE document_id IN (SELECT id FROM deleted_documents);
    RETURN NULL;
END $$;

CREATE TRIGGER documents_delete_enrichments AFTER DELETE ON documents
    REFERENCING OLD TABLE AS deleted_documents FOR EACH STATEMENT EXECUTE FUNCTION documents_delete_enrichments();
