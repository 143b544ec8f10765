-- The policy lifecycle (issue #5): interpretations, validity changes, citations, the gazette.

-- 统一登记编号 of a normative document; the form of an interpretation (文字, 图解, 问答,
-- 音视频) and its media link; the policy documents it interprets, as typed by the editor
-- (文号 or 索引号, one per line), resolved into document_links when it is published.
ALTER TABLE editions ADD COLUMN registration_no TEXT;
ALTER TABLE editions ADD COLUMN interpretation_form TEXT;
ALTER TABLE editions ADD COLUMN media_url TEXT;
ALTER TABLE editions ADD COLUMN interprets TEXT NOT NULL DEFAULT '';
-- 变更日期: the day the information of a revision changed (条例 Art. 26 counts from it).
ALTER TABLE editions ADD COLUMN changed_on TEXT;

-- Links between documents: an interpretation interprets a policy; a later document repeals or
-- amends an earlier one. Read both ways.
CREATE TABLE document_links (
    from_document INTEGER NOT NULL REFERENCES documents(id),
    to_document   INTEGER NOT NULL REFERENCES documents(id),
    kind          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (from_document, kind, to_document)
);
CREATE INDEX document_links_to ON document_links(to_document, kind);

-- Every change of a published document's 有效性 (expiry by the worker, repeal, amendment,
-- coming into force): the banner on the original page and its 修订记录 read these.
CREATE TABLE validity_changes (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    status      TEXT NOT NULL,
    previous    TEXT NOT NULL,
    since       TEXT NOT NULL,
    reason      TEXT NOT NULL,
    by_document INTEGER REFERENCES documents(id),
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX validity_changes_document ON validity_changes(document_id, id);

-- Documents cited in a published body, by 文号 (and the title written before it, if any);
-- resolved against published editions when a page is rendered.
CREATE TABLE citations (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    position    INTEGER NOT NULL,
    doc_no      TEXT,
    title       TEXT,
    PRIMARY KEY (document_id, position)
);
CREATE INDEX citations_doc_no ON citations(doc_no);
CREATE INDEX citations_title ON citations(title);
-- A citation by title alone is resolved against published titles.
CREATE INDEX editions_title ON editions(title);

-- Reminders about documents (expiry ahead, interpretation missing), one per document, kind
-- and date, so the daily duty can run any number of times.
CREATE TABLE document_reminders (
    id          INTEGER PRIMARY KEY,
    agency_id   INTEGER NOT NULL REFERENCES agencies(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    kind        TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    message     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (document_id, kind, due_on)
);
CREATE INDEX document_reminders_agency ON document_reminders(agency_id, created_at);

-- 政府公报: issues and their ordered tables of contents.
CREATE TABLE gazette_issues (
    id           INTEGER PRIMARY KEY,
    year         INTEGER NOT NULL,
    number       INTEGER NOT NULL,
    published_on TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (year, number)
);
CREATE TABLE gazette_entries (
    issue_id    INTEGER NOT NULL REFERENCES gazette_issues(id),
    position    INTEGER NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY (issue_id, position)
);
CREATE INDEX gazette_entries_document ON gazette_entries(document_id);
