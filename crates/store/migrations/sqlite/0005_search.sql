-- The search index kept in the database (search_engine = "database", issue #4): shared by every
-- web node, written in one transaction with its outbox cursor. One row per public document with
-- what results show and are filtered by; its jieba words (computed by gongkai-search, separated
-- by spaces) in an FTS5 table whose rowid is the document id.
CREATE TABLE search_entries (
    document_id  INTEGER PRIMARY KEY,
    index_no     TEXT NOT NULL,
    doc_no_key   TEXT,
    title        TEXT NOT NULL,
    body_text    TEXT NOT NULL,
    agency_id    INTEGER NOT NULL,
    agency_name  TEXT NOT NULL,
    topic        TEXT NOT NULL,
    genre        TEXT NOT NULL,
    policy_kind  TEXT NOT NULL,
    validity     TEXT,
    year         INTEGER NOT NULL,
    published_on TEXT NOT NULL
);
CREATE INDEX search_entries_doc_no ON search_entries (doc_no_key);
CREATE INDEX search_entries_index_no ON search_entries (index_no);
CREATE INDEX search_entries_published ON search_entries (published_on DESC, document_id DESC);

-- unicode61 splits only at spaces and punctuation, so each stored jieba word is one token.
CREATE VIRTUAL TABLE search_terms USING fts5(title, doc_no, agency, body, tokenize = 'unicode61 remove_diacritics 0');

CREATE TABLE search_cursor (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    outbox_id INTEGER NOT NULL
);
INSERT INTO search_cursor (id, outbox_id) VALUES (1, 0);
