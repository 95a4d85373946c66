// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sqlitemigrations.h"

namespace verdict {

namespace {

// v1: proposals with their revisions, artifacts, decisions and the audit log.
// Times are TEXT "yyyy-MM-ddTHH:mm:ss.zzzZ" (UTC), so they sort as text.
// Big text lives apart from the rows the queue scans (revision_texts, contents).
const char kV1[] = R"sql(
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE proposals (
    id              TEXT PRIMARY KEY,
    latest_revision INTEGER NOT NULL,
    latest_sha256   TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE TABLE revisions (
    rev_id          INTEGER PRIMARY KEY,
    proposal_id     TEXT NOT NULL REFERENCES proposals(id),
    revision        INTEGER NOT NULL,
    sha256          TEXT NOT NULL,
    imported_at     TEXT NOT NULL,
    source_file     TEXT NOT NULL,
    source_line     INTEGER NOT NULL,
    end_line        INTEGER NOT NULL,
    timestamp       TEXT,
    severity        INTEGER,
    block_execution INTEGER,
    kind            TEXT,
    opportunity     TEXT,
    body_first_line INTEGER NOT NULL,
    problem_count   INTEGER NOT NULL,
    errors          INTEGER NOT NULL DEFAULT -1,
    warnings        INTEGER NOT NULL DEFAULT -1,
    infos           INTEGER NOT NULL DEFAULT -1,
    UNIQUE (proposal_id, revision)
);
CREATE TABLE revision_texts (
    rev_id      INTEGER PRIMARY KEY REFERENCES revisions(rev_id),
    body        TEXT NOT NULL,
    risks       TEXT NOT NULL, -- JSON array of strings
    mitigations TEXT NOT NULL, -- JSON array of strings
    problems    TEXT NOT NULL  -- JSON array of [line, message]
);
CREATE TABLE artifacts (
    rev_id            INTEGER NOT NULL REFERENCES revisions(rev_id),
    idx               INTEGER NOT NULL,
    path              TEXT NOT NULL,
    declared_language TEXT NOT NULL,
    language          TEXT NOT NULL,
    first_line        INTEGER NOT NULL,
    last_line         INTEGER NOT NULL,
    fenced            INTEGER NOT NULL,
    fence_tag         TEXT NOT NULL,
    sha256            TEXT NOT NULL,
    PRIMARY KEY (rev_id, idx)
) WITHOUT ROWID;
-- Content-addressed: an artifact unchanged across revisions is stored once.
CREATE TABLE contents (
    sha256  TEXT PRIMARY KEY,
    content TEXT NOT NULL
);
CREATE TABLE decisions (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        TEXT NOT NULL UNIQUE,
    proposal_id TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    verdict     TEXT NOT NULL CHECK (verdict IN ('approve', 'reject', 'changes', 'retract')),
    reviewer    TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    decided_at  TEXT NOT NULL,
    supersedes  TEXT NOT NULL DEFAULT '',
    pushed_by   TEXT NOT NULL DEFAULT '',
    resolution  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX decisions_by_proposal ON decisions (proposal_id, revision);
CREATE TABLE audit_events (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    outcome   TEXT NOT NULL,
    previous  TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_events_by_time ON audit_events (at);
-- Append-only, also for anyone with a raw connection.
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
)sql";

// v2: the outbox the sync engine pushes from, and the diagnostics cache. Decisions made
// before v2 were never pushed, so they enter the outbox.
const char kV2[] = R"sql(
CREATE TABLE outbox (
    decision_uuid TEXT PRIMARY KEY REFERENCES decisions(uuid),
    queued_at     TEXT NOT NULL,
    pushed_at     TEXT
);
CREATE INDEX outbox_unpushed ON outbox (pushed_at);
INSERT INTO outbox (decision_uuid, queued_at)
    SELECT uuid, decided_at FROM decisions WHERE pushed_by = '' ORDER BY seq;
CREATE TABLE diagnostic_cache (
    artifact_sha256 TEXT NOT NULL,
    checker_version TEXT NOT NULL,
    diagnostics     TEXT NOT NULL, -- JSON array
    PRIMARY KEY (artifact_sha256, checker_version)
) WITHOUT ROWID;
)sql";

// v3: an artifact's text is normally a slice of its proposal's body; it is then stored only
// there, as a range (UTF-16 code units of the body), not again in contents. Rows from before
// v3 (range NULL) keep reading their text from contents.
const char kV3[] = R"sql(
ALTER TABLE artifacts ADD COLUMN body_from INTEGER;
ALTER TABLE artifacts ADD COLUMN body_length INTEGER;
)sql";

} // namespace

const std::vector<SqliteMigration> &sqliteMigrations()
{
    static const std::vector<SqliteMigration> steps = {{1, kV1}, {2, kV2}, {3, kV3}};
    return steps;
}

} // namespace verdict
