-- gongkai schema, SQLite dialect. Keep in step with ../postgres/0001_init.sql: the same tables
-- and columns (a test checks). Timestamps are TEXT (RFC 3339, UTC), dates TEXT (YYYY-MM-DD).

CREATE TABLE agencies (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    slug         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL UNIQUE,
    short_name   TEXT NOT NULL,
    kind         TEXT NOT NULL,
    parent_id    INTEGER REFERENCES agencies(id),
    office_name  TEXT NOT NULL DEFAULT '',
    address      TEXT NOT NULL DEFAULT '',
    office_hours TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    fax          TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    postcode     TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL
);

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    username            TEXT NOT NULL UNIQUE,
    display_name        TEXT NOT NULL,
    role                TEXT NOT NULL,
    agency_id           INTEGER REFERENCES agencies(id),
    password_hash       TEXT NOT NULL,
    active              BOOLEAN NOT NULL DEFAULT TRUE,
    created_at          TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER REFERENCES users(id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE login_attempts (
    id        INTEGER PRIMARY KEY,
    username  TEXT NOT NULL,
    ip        TEXT NOT NULL,
    at        TEXT NOT NULL,
    success   BOOLEAN NOT NULL
);
CREATE INDEX login_attempts_username ON login_attempts(username, at);
CREATE INDEX login_attempts_ip ON login_attempts(ip, at);

-- Append-only: the triggers below refuse UPDATE and DELETE.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_id    INTEGER REFERENCES users(id),
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    agency_id   INTEGER REFERENCES agencies(id),
    before_json TEXT,
    after_json  TEXT,
    note        TEXT,
    ip          TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE documents (
    id                 INTEGER PRIMARY KEY,
    agency_id          INTEGER NOT NULL REFERENCES agencies(id),
    index_no           TEXT UNIQUE,
    first_published_at TEXT,
    published_year     INTEGER,
    withdrawn_at       TEXT,
    withdrawn_reason   TEXT,
    view_count         INTEGER NOT NULL DEFAULT 0,
    created_by         INTEGER REFERENCES users(id),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX documents_agency ON documents(agency_id, first_published_at);
CREATE INDEX documents_published ON documents(first_published_at);

CREATE TABLE editions (
    id               INTEGER PRIMARY KEY,
    document_id      INTEGER NOT NULL REFERENCES documents(id),
    edition_no       INTEGER NOT NULL,
    status           TEXT NOT NULL,
    title            TEXT NOT NULL,
    doc_no           TEXT,
    topic_primary    TEXT NOT NULL,
    topic_secondary  TEXT,
    genre            TEXT NOT NULL,
    policy_kind      TEXT NOT NULL,
    site_column      TEXT NOT NULL,
    statutory_item   TEXT,
    disclosure       TEXT NOT NULL,
    ground           TEXT,
    disclosure_note  TEXT,
    validity         TEXT,
    effective_on     TEXT,
    expires_on       TEXT,
    written_on       TEXT,
    summary          TEXT,
    keywords         TEXT NOT NULL DEFAULT '',
    body_html        TEXT NOT NULL,
    change_note      TEXT,
    created_by       INTEGER REFERENCES users(id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    submitted_by     INTEGER REFERENCES users(id),
    submitted_at     TEXT,
    reviewed_by      INTEGER REFERENCES users(id),
    reviewed_at      TEXT,
    review_note      TEXT,
    privacy_override TEXT,
    published_at     TEXT,
    UNIQUE (document_id, edition_no)
);
-- At most one published edition per document; the public page shows it.
CREATE UNIQUE INDEX editions_one_published ON editions(document_id) WHERE status = 'published';
CREATE INDEX editions_status ON editions(status, document_id);
CREATE INDEX editions_doc_no ON editions(doc_no);

CREATE TABLE index_serials (
    agency_id   INTEGER NOT NULL REFERENCES agencies(id),
    year        INTEGER NOT NULL,
    last_serial INTEGER NOT NULL,
    PRIMARY KEY (agency_id, year)
);

CREATE TABLE blobs (
    sha256     TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    edition_id   INTEGER NOT NULL REFERENCES editions(id),
    position     INTEGER NOT NULL,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL REFERENCES blobs(sha256)
);
CREATE INDEX attachments_edition ON attachments(edition_id, position);

-- Written in the same transaction as every change the public can see; consumers (search
-- index, page cache, feeds) read it, so a crash after commit loses nothing.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    created_at  TEXT NOT NULL
);
