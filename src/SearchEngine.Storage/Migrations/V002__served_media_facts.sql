-- V002: what the query API needs to serve a document's file safely, recorded when it is indexed.
-- media_type: the sniffed content ('image/png', 'audio/flac', 'text/txt', ...; modality/format), never the extension,
--   so a file is served as what its bytes are and active content (SVG, HTML) cannot be served as a page.
-- final_path: the file's final target (every symlink followed) when it was indexed; a path that leads elsewhere
--   later (a file swapped for a symlink) is not served.
-- file_modified_at: the file's modification time when it was hashed; with size_bytes it tells a changed file.
-- All three are NULL for documents indexed before this migration (or stored by tools that are not the indexer);
-- such files are served only as downloads, and only until they are re-indexed.
ALTER TABLE documents
    ADD COLUMN media_type       text CHECK (media_type IS NULL OR media_type ~ '^(image|audio|video|text)/[a-z0-9.+-]+$'),
    ADD COLUMN final_path       text CHECK (final_path IS NULL OR final_path LIKE '/%'),
    ADD COLUMN file_modified_at timestamptz;
