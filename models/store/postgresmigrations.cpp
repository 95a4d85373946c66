// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/postgresmigrations.h"

namespace verdict {

namespace {

// v1. Times are text "yyyy-MM-ddTHH:mm:ss.zzzZ" (UTC) as in the SQLite store and the
// audit chain: they sort as text and round-trip exactly. `seq` columns are pull cursors:
// writers serialize on one advisory lock, so seq order is commit order.
const char kV1[] = R"sql(
CREATE TABLE verdict_settings (
    key   text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO verdict_settings (key, value) VALUES ('quorum', '1');

CREATE TABLE proposal_revisions (
    seq             bigserial NOT NULL UNIQUE,
    proposal_id     text NOT NULL,
    revision        integer NOT NULL CHECK (revision >= 1),
    sha256          text NOT NULL,
    imported_at     text NOT NULL,
    imported_by     text NOT NULL DEFAULT session_user,
    source_file     text NOT NULL,
    source_line     integer NOT NULL,
    timestamp       text,
    severity        integer,
    block_execution boolean,
    kind            text,
    opportunity     text,
    targets         text NOT NULL, -- JSON array of artifact paths
    languages       text NOT NULL, -- JSON array of content languages
    problem_count   integer NOT NULL,
    document        text NOT NULL, -- the whole Proposal as JSON
    PRIMARY KEY (proposal_id, revision),
    UNIQUE (proposal_id, sha256)
);

CREATE TABLE decisions (
    seq         bigserial NOT NULL UNIQUE,
    uuid        text PRIMARY KEY,
    proposal_id text NOT NULL,
    revision    integer NOT NULL,
    verdict     text NOT NULL CHECK (verdict IN ('approve', 'reject', 'changes', 'retract')),
    reviewer    text NOT NULL,
    reason      text NOT NULL DEFAULT '',
    decided_at  text NOT NULL,
    supersedes  text NOT NULL DEFAULT '',
    resolution  boolean NOT NULL DEFAULT false,
    pushed_by   text NOT NULL DEFAULT session_user,
    received_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (proposal_id, revision) REFERENCES proposal_revisions (proposal_id, revision)
);
CREATE INDEX decisions_by_revision ON decisions (proposal_id, revision);

CREATE TABLE audit_events (
    seq       bigint PRIMARY KEY,
    at        text NOT NULL,
    actor     text NOT NULL,
    action    text NOT NULL,
    subject   text NOT NULL,
    outcome   text NOT NULL,
    previous  text NOT NULL,
    detail    text NOT NULL,
    prev_hash text NOT NULL,
    hash      text NOT NULL,
    db_user   text NOT NULL DEFAULT session_user
);
CREATE INDEX audit_events_by_time ON audit_events (at);

-- The chain head: one row, advanced only by the audit trigger below.
CREATE TABLE audit_head (
    id   integer PRIMARY KEY CHECK (id = 1),
    seq  bigint NOT NULL,
    hash text NOT NULL
);
INSERT INTO audit_head VALUES (1, 0, repeat('0', 64));

CREATE TABLE diagnostic_cache (
    artifact_sha256 text NOT NULL,
    checker_version text NOT NULL,
    diagnostics     text NOT NULL, -- JSON array
    PRIMARY KEY (artifact_sha256, checker_version)
);
CREATE TABLE diagnostic_counts (
    proposal_id text NOT NULL,
    revision    integer NOT NULL,
    errors      integer NOT NULL,
    warnings    integer NOT NULL,
    infos       integer NOT NULL,
    PRIMARY KEY (proposal_id, revision)
);

-- Append-only in the server itself, whatever the client: no UPDATE, DELETE or TRUNCATE.
CREATE FUNCTION verdict_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'verdict: % is append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION verdict_append_only();
CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions
    FOR EACH STATEMENT EXECUTE FUNCTION verdict_append_only();
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION verdict_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION verdict_append_only();
CREATE TRIGGER proposal_revisions_append_only BEFORE UPDATE OR DELETE ON proposal_revisions
    FOR EACH ROW EXECUTE FUNCTION verdict_append_only();
CREATE TRIGGER proposal_revisions_no_truncate BEFORE TRUNCATE ON proposal_revisions
    FOR EACH STATEMENT EXECUTE FUNCTION verdict_append_only();

-- Who pushed is the authenticated user, never what the client claims; only leads (or a
-- superuser) may insert a resolution.
CREATE FUNCTION verdict_decision_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.resolution THEN
        IF NOT ((SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user)
                OR (EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'verdict_lead')
                    AND pg_catalog.pg_has_role(session_user, 'verdict_lead', 'MEMBER'))) THEN
            RAISE EXCEPTION 'verdict: only members of verdict_lead may resolve conflicts '
                '(user %)', session_user USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    NEW.pushed_by := session_user;
    NEW.received_at := now();
    RETURN NEW;
END $$;
CREATE TRIGGER decisions_insert BEFORE INSERT ON decisions
    FOR EACH ROW EXECUTE FUNCTION verdict_decision_insert();

-- Every insert must extend the chain head: seqs head+1, head+2, ... each prev_hash the
-- hash before it; the head moves with the last one. Checked once per statement (a batch
-- of 10,000 events is one check, not 10,000 updates of the head row). SECURITY DEFINER:
-- clients insert events but cannot move the head themselves.
CREATE FUNCTION verdict_audit_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.db_user := session_user;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_events_stamp BEFORE INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION verdict_audit_stamp();

CREATE FUNCTION verdict_audit_extend() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $$
DECLARE
    head_seq  bigint;
    head_hash text;
    bad       bigint;
    last_seq  bigint;
    last_hash text;
BEGIN
    SELECT seq, hash INTO head_seq, head_hash FROM audit_head WHERE id = 1 FOR UPDATE;
    SELECT min(seq) INTO bad FROM (
        SELECT seq, prev_hash, hash, lag(hash) OVER w AS before,
               row_number() OVER w AS n
        FROM new_events WINDOW w AS (ORDER BY seq)) t
    WHERE seq <> head_seq + n OR prev_hash <> coalesce(before, head_hash)
          OR hash !~ '^[0-9a-f]{64}$';
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'verdict: audit event % does not extend the chain head %',
            bad, head_seq USING ERRCODE = 'serialization_failure';
    END IF;
    SELECT seq, hash INTO last_seq, last_hash FROM new_events ORDER BY seq DESC LIMIT 1;
    IF last_seq IS NOT NULL THEN
        UPDATE audit_head SET seq = last_seq, hash = last_hash WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_events_extend AFTER INSERT ON audit_events
    REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION verdict_audit_extend();

-- Grants for the group roles of docs/TEAM-SERVER.md, when they exist. A DBA who creates
-- the roles later runs SELECT verdict_grant_roles(); as the schema owner.
CREATE FUNCTION verdict_grant_roles() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'verdict_reviewer') THEN
        GRANT SELECT ON verdict_settings, proposal_revisions, decisions, audit_head,
            diagnostic_cache, diagnostic_counts, verdict_schema TO verdict_reviewer;
        GRANT INSERT ON proposal_revisions, decisions, audit_events TO verdict_reviewer;
        GRANT INSERT, UPDATE ON diagnostic_cache, diagnostic_counts TO verdict_reviewer;
        GRANT USAGE ON SEQUENCE proposal_revisions_seq_seq, decisions_seq_seq
            TO verdict_reviewer;
        REVOKE UPDATE, DELETE, TRUNCATE ON decisions, audit_events, proposal_revisions
            FROM verdict_reviewer;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'verdict_lead') THEN
        GRANT SELECT ON audit_events TO verdict_lead;
        GRANT INSERT, UPDATE ON verdict_settings TO verdict_lead;
        REVOKE UPDATE, DELETE, TRUNCATE ON decisions, audit_events, proposal_revisions
            FROM verdict_lead;
    END IF;
END $$;
)sql";

} // namespace

const std::vector<PostgresMigration> &postgresMigrations()
{
    static const std::vector<PostgresMigration> steps = {{1, kV1}};
    return steps;
}

} // namespace verdict
