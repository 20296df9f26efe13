-- V008: Idempotency-Key claims of write requests (issue #16). A client that retries a write with the same key gets the
-- first answer again instead of a second write. The row is claimed (status NULL) before the write runs, so two
-- concurrent retries cannot both write; it is completed with the answer, or deleted when the write failed on the
-- server's side so that a retry may run. request_hash tells a retry from a different request reusing the key.
-- Rows older than a day are pruned by housekeeping (and treated as absent before then).
CREATE TABLE idempotency_keys (
    principal     text NOT NULL CHECK (length(principal) BETWEEN 1 AND 100),
    key           text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash  text NOT NULL CHECK (length(request_hash) = 64),
    status        integer CHECK (status BETWEEN 100 AND 599),
    content_type  text,
    response_body text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, key)
);

CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);

-- An upload answers "exists" with the id of the document that already holds the same content in the collection,
-- wherever that document's file came from (an upload or a folder the indexer walked): one look-up by content per upload.
CREATE INDEX documents_content ON documents (collection_id, content_sha256);
