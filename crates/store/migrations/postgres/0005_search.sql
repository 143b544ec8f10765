-- The search index kept in the database (search_engine = "database", issue #4): shared by every
-- web node, written in one transaction with its outbox cursor. One row per public document with
-- what results show and are filtered by, and its jieba words (computed by gongkai-search) as a
-- tsvector built from a literal: weight A title, B 文号, C agency, D body.
CREATE TABLE search_entries (
    document_id  BIGINT PRIMARY KEY,
    index_no     TEXT NOT NULL,
    doc_no_key   TEXT,
    title        TEXT NOT NULL,
    body_text    TEXT NOT NULL,
    agency_id    BIGINT NOT NULL,
    agency_name  TEXT NOT NULL,
    topic        TEXT NOT NULL,
    genre        TEXT NOT NULL,
    policy_kind  TEXT NOT NULL,
    validity     TEXT,
    year         INTEGER NOT NULL,
    published_on DATE NOT NULL,
    terms        TSVECTOR NOT NULL
);
CREATE INDEX search_entries_terms ON search_entries USING GIN (terms);
CREATE INDEX search_entries_doc_no ON search_entries (doc_no_key);
CREATE INDEX search_entries_index_no ON search_entries (index_no);
CREATE INDEX search_entries_published ON search_entries (published_on DESC, document_id DESC);

CREATE TABLE search_cursor (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    outbox_id BIGINT NOT NULL
);
INSERT INTO search_cursor (id, outbox_id) VALUES (1, 0);
