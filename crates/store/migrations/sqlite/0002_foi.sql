-- 依申请公开: applications (cases), their events, notices, files, difficult-case filings,
-- 行政复议/诉讼 records, reminders and outgoing mail. SQLite dialect; keep in step with
-- ../postgres/0002_foi.sql.

CREATE TABLE cases (
    id                INTEGER PRIMARY KEY,
    agency_id         INTEGER NOT NULL REFERENCES agencies(id),
    case_no           TEXT NOT NULL UNIQUE,
    tracking_hash     TEXT NOT NULL UNIQUE,
    channel           TEXT NOT NULL,
    applicant_kind    TEXT NOT NULL,
    applicant_name    TEXT NOT NULL,
    applicant_json    TEXT NOT NULL,
    description       TEXT NOT NULL,
    doc_no            TEXT,
    form              TEXT NOT NULL,
    delivery          TEXT NOT NULL,
    accessibility     TEXT,
    submitted_at      TEXT NOT NULL,
    received_on       TEXT,
    stage             TEXT NOT NULL,
    due_on            TEXT,
    outcome           TEXT,
    closed_on         TEXT,
    suggest_proactive BOOLEAN NOT NULL DEFAULT FALSE,
    pending_extension_json TEXT,
    reminded          TEXT,
    created_by        INTEGER REFERENCES users(id),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
-- Queues: open cases by due date, of one agency and of the city; an agency's cases, or those
-- in one stage, newest first.
CREATE INDEX cases_agency_open ON cases(agency_id, due_on) WHERE stage NOT IN ('closed', 'archived');
CREATE INDEX cases_open ON cases(due_on) WHERE stage NOT IN ('closed', 'archived');
CREATE INDEX cases_agency ON cases(agency_id, id);
CREATE INDEX cases_queue ON cases(agency_id, stage, id);
-- Annual statistics: date ranges with the grouped columns in the index, read without the table.
CREATE INDEX cases_received ON cases(received_on, closed_on, applicant_kind);
CREATE INDEX cases_closed ON cases(closed_on, applicant_kind, outcome, received_on);
CREATE INDEX cases_agency_received ON cases(agency_id, received_on, closed_on, applicant_kind);
CREATE INDEX cases_agency_closed ON cases(agency_id, closed_on, applicant_kind, outcome, received_on);

-- What the queue's text search reads (case number, applicant, description), kept apart from
-- the wide case rows and ordered by agency, so one agency's search reads its own rows in order
-- instead of fetching every case row from all over the table.
CREATE TABLE case_search (
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    case_id   INTEGER NOT NULL REFERENCES cases(id),
    text      TEXT NOT NULL,
    PRIMARY KEY (agency_id, case_id)
) WITHOUT ROWID;

CREATE TABLE case_events (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    seq         INTEGER NOT NULL,
    event_json  TEXT NOT NULL,
    note        TEXT,
    recorded_by INTEGER REFERENCES users(id),
    recorded_at TEXT NOT NULL,
    UNIQUE (case_id, seq)
);

CREATE TABLE case_serials (
    agency_id   INTEGER NOT NULL REFERENCES agencies(id),
    year        INTEGER NOT NULL,
    last_serial INTEGER NOT NULL,
    PRIMARY KEY (agency_id, year)
);

CREATE TABLE notice_serials (
    agency_id   INTEGER NOT NULL REFERENCES agencies(id),
    year        INTEGER NOT NULL,
    last_serial INTEGER NOT NULL,
    PRIMARY KEY (agency_id, year)
);

CREATE TABLE notices (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    kind       TEXT NOT NULL,
    number     TEXT NOT NULL UNIQUE,
    body       TEXT NOT NULL,
    issued_on  TEXT NOT NULL,
    issued_by  INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX notices_case ON notices(case_id);

CREATE TABLE notice_templates (
    kind       TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    updated_by INTEGER REFERENCES users(id),
    updated_at TEXT NOT NULL
);

CREATE TABLE case_files (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    sha256       TEXT NOT NULL REFERENCES blobs(sha256),
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    released     BOOLEAN NOT NULL,
    from_applicant BOOLEAN NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX case_files_case ON case_files(case_id);

CREATE TABLE difficult_filings (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    agency_id   INTEGER NOT NULL REFERENCES agencies(id),
    reason      TEXT NOT NULL,
    filed_by    INTEGER REFERENCES users(id),
    filed_at    TEXT NOT NULL,
    office_note TEXT,
    status      TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX difficult_filings_status ON difficult_filings(status, filed_at);

CREATE TABLE reviews (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    kind         TEXT NOT NULL,
    filed_on     TEXT NOT NULL,
    concluded_on TEXT,
    result       TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX reviews_case ON reviews(case_id);

CREATE TABLE tracking_attempts (
    id      INTEGER PRIMARY KEY,
    ip      TEXT NOT NULL,
    at      TEXT NOT NULL,
    success BOOLEAN NOT NULL
);
CREATE INDEX tracking_attempts_ip ON tracking_attempts(ip, at);

CREATE TABLE intake_log (
    id INTEGER PRIMARY KEY,
    ip TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX intake_log_ip ON intake_log(ip, at);

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    agency_id  INTEGER NOT NULL REFERENCES agencies(id),
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    kind       TEXT NOT NULL,
    message    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at    TEXT,
    UNIQUE (case_id, kind)
);

CREATE TABLE outgoing_mail (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER REFERENCES cases(id),
    recipient  TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at    TEXT,
    error      TEXT
);

ALTER TABLE sessions ADD COLUMN tracked_case_id INTEGER REFERENCES cases(id);
ALTER TABLE users ADD COLUMN email TEXT;
