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


// v2: the server writes the audit log itself. Reviewers and leads lose every direct INSERT
// on proposals, decisions and audit events; they call narrow SECURITY DEFINER functions
// that stamp session_user, write a decision or a revision together with its audit event
// and compute the chain on the server (the same bytes as HashChain::computeHash), so no
// client can forge, skip or break it. Every new event's hash is re-checked by the trigger,
// whoever inserts it.
const char kV2[] = R"sql(
-- HashChain::canonical: a JSON array of the eight fields; to_json escapes exactly as the
-- client does (\" \\ \b \f \n \r \t, other controls as lowercase \u00xx, the rest raw).
CREATE FUNCTION verdict_event_hash(prev text, seq bigint, at text, actor text, action text,
                                   subject text, outcome text, previous text, detail text)
RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT encode(sha256(convert_to(prev || '[' || to_json(seq::text)::text || ','
        || to_json(at)::text || ',' || to_json(actor)::text || ','
        || to_json(action)::text || ',' || to_json(subject)::text || ','
        || to_json(outcome)::text || ',' || to_json(previous)::text || ','
        || to_json(detail)::text || ']', 'UTF8')), 'hex')
$$;

CREATE OR REPLACE FUNCTION verdict_audit_extend() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    head_seq  bigint;
    head_hash text;
    bad       bigint;
    last_seq  bigint;
    last_hash text;
BEGIN
    SELECT seq, hash INTO head_seq, head_hash FROM audit_head WHERE id = 1 FOR UPDATE;
    SELECT min(seq) INTO bad FROM (
        SELECT e.*, lag(hash) OVER w AS before, row_number() OVER w AS n
        FROM new_events e WINDOW w AS (ORDER BY seq)) t
    WHERE seq <> head_seq + n OR prev_hash <> coalesce(before, head_hash)
          OR at !~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$'
          OR hash IS DISTINCT FROM verdict_event_hash(prev_hash, seq, at, actor, action,
                                                      subject, outcome, previous, detail);
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'verdict: audit event % does not extend the chain head % with its '
            'own hash', bad, head_seq USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    SELECT seq, hash INTO last_seq, last_hash FROM new_events ORDER BY seq DESC LIMIT 1;
    IF last_seq IS NOT NULL THEN
        UPDATE audit_head SET seq = last_seq, hash = last_hash WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;

-- The head moves only with the chain (from the trigger above), even for the owner, unless
-- the owner disables this trigger: docs/TEAM-SERVER.md says how an auditor notices.
CREATE FUNCTION verdict_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF pg_trigger_depth() < 2 THEN
        RAISE EXCEPTION 'verdict: audit_head moves only with the audit chain (% refused)',
            TG_OP USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER audit_head_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION verdict_head_guard();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION verdict_append_only();

-- Appends events after the head, sealed here; the caller holds the write lock. Internal:
-- only the functions below (running as the owner) call it.
CREATE FUNCTION verdict_append_events(actors text[], actions text[], subjects text[],
                                      outcomes text[], previous text[], details text[])
RETURNS bigint LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    head_seq  bigint;
    head_hash text;
    now_text  text := to_char(clock_timestamp() AT TIME ZONE 'UTC',
                              'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    n         integer := coalesce(array_length(actors, 1), 0);
    seqs      bigint[] := '{}';
    prevs     text[] := '{}';
    hashes    text[] := '{}';
    h         text;
BEGIN
    IF n = 0 THEN
        RETURN NULL;
    END IF;
    SELECT seq, hash INTO head_seq, head_hash FROM audit_head WHERE id = 1 FOR UPDATE;
    h := head_hash;
    FOR i IN 1 .. n LOOP
        seqs := seqs || (head_seq + i);
        prevs := prevs || h;
        h := verdict_event_hash(h, head_seq + i, now_text, actors[i], actions[i],
                                subjects[i], outcomes[i], previous[i], details[i]);
        hashes := hashes || h;
    END LOOP;
    INSERT INTO audit_events (seq, at, actor, action, subject, outcome, previous, detail,
                              prev_hash, hash)
    SELECT s, now_text, ac, an, su, o, p, de, ph, hh
    FROM unnest(seqs, actors, actions, subjects, outcomes, previous, details, prevs, hashes)
        WITH ORDINALITY AS t(s, ac, an, su, o, p, de, ph, hh, ord)
    ORDER BY ord;
    RETURN head_seq + n;
END $$;

-- Decisions, online or synced from a laptop: the rows the server lacks are inserted
-- (ON CONFLICT (uuid) DO NOTHING: a retried push stores each once), each with its audit
-- event, as AuditEvents::forDecision words it; pushed_by is session_user.
CREATE FUNCTION verdict_push_decisions(uuids text[], proposal_ids text[], revisions integer[],
                                       verdicts text[], reviewers text[], reasons text[],
                                       decided_at text[], supersedes text[],
                                       resolutions boolean[])
RETURNS TABLE (uuid text, pushed_by text) LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $$
#variable_conflict use_column
DECLARE
    added text[];
BEGIN
    PERFORM pg_advisory_xact_lock(1448232020, 2);
    IF EXISTS (SELECT 1 FROM unnest(reviewers, decided_at) AS t(r, d)
               WHERE r IS NULL OR btrim(r) = ''
                  OR d !~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$') THEN
        RAISE EXCEPTION 'verdict: a decision needs a reviewer and a UTC time'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    WITH ins AS (
        INSERT INTO decisions AS d (uuid, proposal_id, revision, verdict, reviewer, reason,
                                    decided_at, supersedes, resolution)
        SELECT u, p, r, v, rv, coalesce(re, ''), da, coalesce(su, ''), coalesce(res, false)
        FROM unnest(uuids, proposal_ids, revisions, verdicts, reviewers, reasons, decided_at,
                    supersedes, resolutions) WITH ORDINALITY
            AS t(u, p, r, v, rv, re, da, su, res, ord)
        ORDER BY ord
        ON CONFLICT ON CONSTRAINT decisions_pkey DO NOTHING
        RETURNING d.uuid, d.seq)
    SELECT array_agg(ins.uuid ORDER BY ins.seq) INTO added FROM ins;
    IF added IS NULL THEN
        RETURN;
    END IF;
    PERFORM verdict_append_events(
        array_agg(d.reviewer ORDER BY d.seq), array_agg('decision'::text ORDER BY d.seq),
        array_agg(d.proposal_id || '@' || d.revision ORDER BY d.seq),
        array_agg(d.verdict ORDER BY d.seq),
        array_agg(coalesce(prior.verdict, '') ORDER BY d.seq),
        array_agg('decision ' || d.uuid
                  || CASE WHEN d.supersedes <> '' THEN '; supersedes ' || d.supersedes
                     ELSE '' END
                  || '; synced, pushed by ' || d.pushed_by
                  || CASE WHEN d.resolution THEN '; resolution' ELSE '' END
                  || CASE WHEN d.reason <> '' THEN '; reason: ' || d.reason ELSE '' END
                  ORDER BY d.seq))
    FROM decisions d LEFT JOIN decisions prior ON prior.uuid = d.supersedes
        AND d.supersedes <> ''
    WHERE d.uuid = ANY (added);
    RETURN QUERY SELECT d.uuid, d.pushed_by FROM decisions d WHERE d.uuid = ANY (added)
        ORDER BY d.seq;
END $$;

-- Proposal revisions: each (id, sha256) the server lacks becomes the next revision of its
-- id, with an import event naming the importer and the database user.
CREATE FUNCTION verdict_import_revisions(ids text[], sha256s text[], source_files text[],
                                         source_lines integer[], timestamps text[],
                                         severities integer[], blocks boolean[],
                                         kinds text[], opportunities text[], targets text[],
                                         languages text[], problem_counts integer[],
                                         documents text[], actor text)
RETURNS TABLE (revision integer, outcome text) LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $$
#variable_conflict use_column
DECLARE
    n        integer := coalesce(array_length(ids, 1), 0);
    rev      integer;
    now_text text := to_char(clock_timestamp() AT TIME ZONE 'UTC',
                             'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    e_subject text[] := '{}';
    e_outcome text[] := '{}';
    e_prev    text[] := '{}';
    e_detail  text[] := '{}';
BEGIN
    PERFORM pg_advisory_xact_lock(1448232020, 2);
    IF actor IS NULL OR btrim(actor) = '' THEN
        RAISE EXCEPTION 'verdict: an import needs an actor'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR i IN 1 .. n LOOP
        IF ids[i] IS NULL OR ids[i] = '' THEN
            RAISE EXCEPTION 'verdict: a proposal revision needs an id'
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        SELECT r.revision INTO rev FROM proposal_revisions r
            WHERE r.proposal_id = ids[i] AND r.sha256 = sha256s[i];
        IF FOUND THEN
            revision := rev;
            outcome := '';
            RETURN NEXT;
            CONTINUE;
        END IF;
        SELECT coalesce(max(r.revision), 0) + 1 INTO rev FROM proposal_revisions r
            WHERE r.proposal_id = ids[i];
        INSERT INTO proposal_revisions (proposal_id, revision, sha256, imported_at,
            source_file, source_line, timestamp, severity, block_execution, kind,
            opportunity, targets, languages, problem_count, document)
        VALUES (ids[i], rev, sha256s[i], now_text, source_files[i], source_lines[i],
            timestamps[i], severities[i], blocks[i], kinds[i], opportunities[i], targets[i],
            languages[i], problem_counts[i], documents[i]);
        e_subject := e_subject || (ids[i] || '@' || rev);
        e_outcome := e_outcome || CASE WHEN rev = 1 THEN 'new' ELSE 'revised' END;
        e_prev := e_prev || CASE WHEN rev = 1 THEN '' ELSE ids[i] || '@' || (rev - 1) END;
        e_detail := e_detail || (source_files[i] || ':' || source_lines[i] || ' sha256 '
                                 || sha256s[i] || '; database user ' || session_user);
        revision := rev;
        outcome := CASE WHEN rev = 1 THEN 'new' ELSE 'revised' END;
        RETURN NEXT;
    END LOOP;
    PERFORM verdict_append_events(array_fill(actor, ARRAY[cardinality(e_subject)]),
        array_fill('import'::text, ARRAY[cardinality(e_subject)]), e_subject, e_outcome,
        e_prev, e_detail);
END $$;

-- Other events a lead records (an audit export): the actor is claimed, the database user
-- is stamped.
CREATE FUNCTION verdict_record_event(actor text, action text, subject text, outcome text,
                                     previous text, detail text)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF action IS DISTINCT FROM 'export' THEN
        RAISE EXCEPTION 'verdict: only export events may be recorded directly (not %)',
            action USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM pg_advisory_xact_lock(1448232020, 2);
    RETURN verdict_append_events(ARRAY[actor], ARRAY[action], ARRAY[subject],
        ARRAY[outcome], ARRAY[previous],
        ARRAY[detail || CASE WHEN detail = '' THEN '' ELSE '; ' END
              || 'database user ' || session_user]);
END $$;

-- Functions are executable by PUBLIC unless revoked; these only by the group roles.
REVOKE ALL ON FUNCTION verdict_append_events(text[], text[], text[], text[], text[], text[])
    FROM PUBLIC;
REVOKE ALL ON FUNCTION verdict_push_decisions(text[], text[], integer[], text[], text[],
    text[], text[], text[], boolean[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION verdict_import_revisions(text[], text[], text[], integer[], text[],
    integer[], boolean[], text[], text[], text[], text[], integer[], text[], text) FROM PUBLIC;
REVOKE ALL ON FUNCTION verdict_record_event(text, text, text, text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION verdict_audit_extend() FROM PUBLIC;

CREATE OR REPLACE FUNCTION verdict_grant_roles() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'verdict_reviewer') THEN
        GRANT SELECT ON verdict_settings, proposal_revisions, decisions, audit_head,
            diagnostic_cache, diagnostic_counts, verdict_schema TO verdict_reviewer;
        REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON proposal_revisions, decisions,
            audit_events, audit_head FROM verdict_reviewer;
        REVOKE USAGE ON SEQUENCE proposal_revisions_seq_seq, decisions_seq_seq
            FROM verdict_reviewer;
        GRANT INSERT, UPDATE ON diagnostic_cache, diagnostic_counts TO verdict_reviewer;
        GRANT EXECUTE ON FUNCTION verdict_push_decisions(text[], text[], integer[], text[],
            text[], text[], text[], text[], boolean[]) TO verdict_reviewer;
        GRANT EXECUTE ON FUNCTION verdict_import_revisions(text[], text[], text[],
            integer[], text[], integer[], boolean[], text[], text[], text[], text[],
            integer[], text[], text) TO verdict_reviewer;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'verdict_lead') THEN
        GRANT SELECT ON audit_events TO verdict_lead;
        GRANT INSERT, UPDATE ON verdict_settings TO verdict_lead;
        REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON proposal_revisions, decisions,
            audit_events, audit_head FROM verdict_lead;
        GRANT EXECUTE ON FUNCTION verdict_record_event(text, text, text, text, text, text)
            TO verdict_lead;
    END IF;
END $$;
)sql";


// v3: the diagnostics cache is per login. The approval guard holds back proposals with an
// error diagnostic, and a reviewer who could write "clean" under another's artifact hash
// (or zero counts under their proposal) would wave it through for the whole team. Each
// login now reads only what its own Verdict computed; row-level security keeps every row
// where its writer put it (no login writes, updates or reads another's rows). Rows from
// before cannot be attributed: the cache is emptied and recomputed.
const char kV3[] = R"sql(
TRUNCATE diagnostic_cache, diagnostic_counts;
ALTER TABLE diagnostic_cache ADD COLUMN written_by text NOT NULL DEFAULT session_user;
ALTER TABLE diagnostic_cache DROP CONSTRAINT diagnostic_cache_pkey;
ALTER TABLE diagnostic_cache ADD PRIMARY KEY (written_by, artifact_sha256, checker_version);
ALTER TABLE diagnostic_counts ADD COLUMN written_by text NOT NULL DEFAULT session_user;
ALTER TABLE diagnostic_counts DROP CONSTRAINT diagnostic_counts_pkey;
ALTER TABLE diagnostic_counts ADD PRIMARY KEY (written_by, proposal_id, revision);
ALTER TABLE diagnostic_cache ENABLE ROW LEVEL SECURITY;
ALTER TABLE diagnostic_counts ENABLE ROW LEVEL SECURITY;
CREATE POLICY diagnostic_cache_own ON diagnostic_cache
    USING (written_by = session_user) WITH CHECK (written_by = session_user);
CREATE POLICY diagnostic_counts_own ON diagnostic_counts
    USING (written_by = session_user) WITH CHECK (written_by = session_user);
)sql";


// v4: a pushed decision's `supersedes` must name its reviewer's earlier decision on the same
// proposal and revision (on the server or earlier in the same push). It words the audit
// event ("previous verdict"): a client naming another reviewer's decision, or one that does
// not exist, would have the server write an untrue event into the chain.
const char kV4[] = R"sql(
CREATE OR REPLACE FUNCTION verdict_push_decisions(uuids text[], proposal_ids text[], revisions integer[],
                                       verdicts text[], reviewers text[], reasons text[],
                                       decided_at text[], supersedes text[],
                                       resolutions boolean[])
RETURNS TABLE (uuid text, pushed_by text) LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $$
#variable_conflict use_column
DECLARE
    added text[];
    bad text;
BEGIN
    PERFORM pg_advisory_xact_lock(1448232020, 2);
    IF EXISTS (SELECT 1 FROM unnest(reviewers, decided_at) AS t(r, d)
               WHERE r IS NULL OR btrim(r) = ''
                  OR d !~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$') THEN
        RAISE EXCEPTION 'verdict: a decision needs a reviewer and a UTC time'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- A decision supersedes its reviewer's previous one on the same proposal and revision,
    -- already here or earlier in this push; the audit event quotes that one's verdict.
    SELECT t.u || ' supersedes ' || t.su INTO bad
    FROM unnest(uuids, proposal_ids, revisions, reviewers, supersedes) WITH ORDINALITY
        AS t(u, p, r, rv, su, ord)
    WHERE coalesce(t.su, '') <> ''
      AND NOT EXISTS (SELECT 1 FROM decisions prior WHERE prior.uuid = t.su
                      AND prior.proposal_id = t.p AND prior.revision = t.r
                      AND prior.reviewer = t.rv)
      AND NOT EXISTS (SELECT 1 FROM unnest(uuids, proposal_ids, revisions, reviewers)
                          WITH ORDINALITY AS e(u, p, r, rv, ord)
                      WHERE e.u = t.su AND e.p = t.p AND e.r = t.r AND e.rv = t.rv
                        AND e.ord < t.ord)
    ORDER BY t.ord LIMIT 1;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'verdict: decision %, which is not an earlier decision of the same reviewer on the same proposal and revision', bad
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    WITH ins AS (
        INSERT INTO decisions AS d (uuid, proposal_id, revision, verdict, reviewer, reason,
                                    decided_at, supersedes, resolution)
        SELECT u, p, r, v, rv, coalesce(re, ''), da, coalesce(su, ''), coalesce(res, false)
        FROM unnest(uuids, proposal_ids, revisions, verdicts, reviewers, reasons, decided_at,
                    supersedes, resolutions) WITH ORDINALITY
            AS t(u, p, r, v, rv, re, da, su, res, ord)
        ORDER BY ord
        ON CONFLICT ON CONSTRAINT decisions_pkey DO NOTHING
        RETURNING d.uuid, d.seq)
    SELECT array_agg(ins.uuid ORDER BY ins.seq) INTO added FROM ins;
    IF added IS NULL THEN
        RETURN;
    END IF;
    PERFORM verdict_append_events(
        array_agg(d.reviewer ORDER BY d.seq), array_agg('decision'::text ORDER BY d.seq),
        array_agg(d.proposal_id || '@' || d.revision ORDER BY d.seq),
        array_agg(d.verdict ORDER BY d.seq),
        array_agg(coalesce(prior.verdict, '') ORDER BY d.seq),
        array_agg('decision ' || d.uuid
                  || CASE WHEN d.supersedes <> '' THEN '; supersedes ' || d.supersedes
                     ELSE '' END
                  || '; synced, pushed by ' || d.pushed_by
                  || CASE WHEN d.resolution THEN '; resolution' ELSE '' END
                  || CASE WHEN d.reason <> '' THEN '; reason: ' || d.reason ELSE '' END
                  ORDER BY d.seq))
    FROM decisions d LEFT JOIN decisions prior ON prior.uuid = d.supersedes
        AND d.supersedes <> ''
    WHERE d.uuid = ANY (added);
    RETURN QUERY SELECT d.uuid, d.pushed_by FROM decisions d WHERE d.uuid = ANY (added)
        ORDER BY d.seq;
END $$;
)sql";

} // namespace

const std::vector<PostgresMigration> &postgresMigrations()
{
    static const std::vector<PostgresMigration> steps = {{1, kV1}, {2, kV2}, {3, kV3}, {4, kV4}};
    return steps;
}

} // namespace verdict
