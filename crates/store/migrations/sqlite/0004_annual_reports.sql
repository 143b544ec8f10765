-- The 政府信息公开工作年度报告 (issue #6): one per agency, level (its own, or a government's
-- covering its departments) and year. While it is a draft the tables are computed from live
-- data; when it is published (or imported from an earlier year) the whole report is kept as it
-- was, as JSON (`snapshot`), so a published report never changes and next year's carry-over
-- compares with what was published. The JSON is read back whole, never queried: TEXT on both.
CREATE TABLE annual_reports (
    id           INTEGER PRIMARY KEY,
    agency_id    INTEGER NOT NULL REFERENCES agencies(id),
    level        TEXT NOT NULL,
    year         INTEGER NOT NULL,
    status       TEXT NOT NULL,
    overview     TEXT NOT NULL DEFAULT '',
    problems     TEXT NOT NULL DEFAULT '',
    other        TEXT NOT NULL DEFAULT '',
    manual       TEXT NOT NULL DEFAULT '{}',
    snapshot     TEXT,
    explanation  TEXT,
    document_id  INTEGER REFERENCES documents(id),
    updated_by   INTEGER REFERENCES users(id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    submitted_at TEXT,
    published_by INTEGER REFERENCES users(id),
    published_at TEXT,
    UNIQUE (agency_id, level, year)
);
CREATE INDEX annual_reports_year ON annual_reports(year, status);

-- Reminders sent ahead of the deadlines of 条例 Art. 49, once per report and step.
CREATE TABLE annual_report_reminders (
    agency_id   INTEGER NOT NULL REFERENCES agencies(id),
    level       TEXT NOT NULL,
    year        INTEGER NOT NULL,
    days_before INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (agency_id, level, year, days_before)
);
