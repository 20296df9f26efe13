-- V007: API keys (issue #16). A key is shown once when it is made and never stored: the row keeps a short public
-- prefix to find it by and a PBKDF2-SHA256 hash of its secret with the salt and iteration count it was made with, so
-- the count can be raised for new keys without breaking old ones. Scopes are read, write and admin (each implies the
-- ones before it); collections limits a key to the named collections (null: every collection). A revoked key keeps its
-- row, so listings say who had access and when it ended.
CREATE TABLE api_keys (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    prefix      text NOT NULL UNIQUE CHECK (prefix ~ '^[a-z0-9]{8,32}$'),
    hash        bytea NOT NULL CHECK (length(hash) >= 32),
    salt        bytea NOT NULL CHECK (length(salt) >= 16),
    iterations  integer NOT NULL CHECK (iterations >= 10000),
    scopes      text[] NOT NULL CHECK (cardinality(scopes) >= 1 AND scopes <@ ARRAY['read', 'write', 'admin']),
    collections text[] CHECK (collections IS NULL OR cardinality(collections) >= 1),
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
