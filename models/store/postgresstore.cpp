// SPDX-License-Identifier: GPL-3.0-or-later
// The team store: connection and its errors, decisions, settings, the diagnostics cache
// and recorded audit events.
#include "store/postgresstoreprivate.h"
#include "store/postgresarrays.h"
#include "store/postgresmigrations.h"

#include "audit/auditevents.h"


#include <libpq-fe.h>

#include <map>

namespace verdict {

namespace pg {

std::string str(const QString &s)
{
    const QByteArray utf8 = s.toUtf8();
    return std::string(utf8.constData(), size_t(utf8.size()));
}

QString qstr(const pqxx::field &f)
{
    return f.is_null() ? QString() : QString::fromUtf8(f.c_str(), int(f.size()));
}

// PostgreSQL text cannot hold U+0000: refuse with a message naming the field.
std::optional<Error> refuseNul(const QString &value, const QString &field, const QString &owner)
{
    if (!value.contains(QChar(0)))
        return std::nullopt;
    return makeError(QStringLiteral("%1: %2 contains a NUL character, which PostgreSQL text "
                                    "cannot store")
                         .arg(owner, field),
                     kInvalid);
}

AuditEvent readEvent(const pqxx::row &row)
{
    AuditEvent e;
    e.seq = row[0].as<qint64>();
    e.at = TextForm::parseTime(qstr(row[1]));
    e.actor = qstr(row[2]);
    e.action = qstr(row[3]);
    e.subject = qstr(row[4]);
    e.outcome = qstr(row[5]);
    e.previous = qstr(row[6]);
    e.detail = qstr(row[7]);
    e.prevHash = qstr(row[8]);
    e.hash = qstr(row[9]);
    return e;
}

Decision readDecision(const pqxx::row &row, int first)
{
    Decision d;
    d.uuid = qstr(row[first]);
    d.proposalId = qstr(row[first + 1]);
    d.revision = row[first + 2].as<int>();
    d.verdict = verdictFromId(qstr(row[first + 3])).value_or(Verdict::Retract);
    d.reviewer = qstr(row[first + 4]);
    d.reason = qstr(row[first + 5]);
    d.decidedAt = TextForm::parseTime(qstr(row[first + 6]));
    d.supersedes = qstr(row[first + 7]);
    d.pushedBy = qstr(row[first + 8]);
    d.resolution = row[first + 9].as<bool>();
    return d;
}


} // namespace pg

Result<pqxx::connection *> PostgresStore::Private::connect()
{
    if (conn && conn->is_open())
        return conn.get();
    conn.reset();
    try {
        conn = std::make_unique<pqxx::connection>(str(withConnectTimeout(connection)));
        pq::setVerboseErrors(*conn);
        pqxx::nontransaction n(*conn);
        n.exec("SET client_min_messages TO warning; SET client_encoding TO 'UTF8'");
        user = qstr(pq::execOne(n, "SELECT session_user")[0]);
    } catch (const pqxx::broken_connection &e) {
        conn.reset();
        return connectionError(QString::fromUtf8(e.what()), connection);
    } catch (const std::exception &e) {
        conn.reset();
        return connectionError(QString::fromUtf8(e.what()), connection);
    }
    return conn.get();
}

Result<void> PostgresStore::Private::migrate()
{
    const auto &steps = postgresMigrations();
    const int known = steps.back().version;
    // Every open but the first finds the schema current: one read, no lock (the version
    // only grows), so background connections never queue behind a migration lock.
    auto current = guard<int>([&](pqxx::connection &c) -> Result<int> {
        pqxx::read_transaction w(c);
        // Asked of pg_tables, not by the name: a name looked up and not found is cached by
        // the backend, and the locked step below would then not see the table a concurrent
        // first client just created ("already exists").
        if (!pq::execOne(w, "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables "
                            "WHERE schemaname = current_schema() "
                            "AND tablename = 'verdict_schema')")[0]
                 .as<bool>())
            return 0;
        return pq::execOne(w, "SELECT coalesce(max(version), 0) FROM verdict_schema")[0]
            .as<int>();
    });
    if (current && current.value() == known) {
        schemaVersion = known;
        return {};
    }
    auto r = guard<int>([&](pqxx::connection &c) -> Result<int> {
        pqxx::work w(c);
        pq::exec(w, "SELECT pg_advisory_xact_lock($1, $2)", kLockClass, kLockMigrate);
        if (pq::execOne(w, "SELECT to_regclass('verdict_schema') IS NULL")[0].as<bool>())
            w.exec("CREATE TABLE verdict_schema (version integer NOT NULL)");
        int version = pq::execOne(w, "SELECT coalesce(max(version), 0) FROM verdict_schema")[0]
                          .as<int>();
        if (version > known) {
            return makeError(QStringLiteral("PostgreSQL: the server's Verdict schema is "
                                            "version %1, newer than this Verdict knows (%2): "
                                            "upgrade Verdict")
                                 .arg(version)
                                 .arg(known),
                             kInvalid);
        }
        if (version == known)
            return version; // nothing to write: reviewers without CREATE get here
        for (const PostgresMigration &step : steps) {
            if (step.version <= version)
                continue;
            w.exec(step.sql);
            pq::exec(w, "INSERT INTO verdict_schema (version) VALUES ($1)", step.version);
            version = step.version;
        }
        w.exec("SELECT verdict_grant_roles()");
        w.commit();
        return version;
    });
    if (!r) {
        if (r.error().code == QLatin1String("42501")) {
            return makeError(QStringLiteral("PostgreSQL: user %1 may not create or upgrade "
                                            "the Verdict schema: connect once as the "
                                            "database owner (docs/TEAM-SERVER.md)")
                                 .arg(user),
                             r.error().code);
        }
        return r.error();
    }
    schemaVersion = r.value();
    return {};
}

Head PostgresStore::Private::lockAndHead(pqxx::work &w)
{
    pq::exec(w, "SELECT pg_advisory_xact_lock($1, $2)", kLockClass, kLockWrite);
    const pqxx::row row = pq::execOne(w,
        "SELECT seq, hash, to_char(clock_timestamp() AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM audit_head WHERE id = 1");
    return Head{row[0].as<qint64>(), qstr(row[1]), qstr(row[2])};
}

int PostgresStore::Private::quorum(pqxx::work &w)
{
    const pqxx::result r =
        w.exec("SELECT value FROM verdict_settings WHERE key = 'quorum'");
    return r.empty() ? 1 : StoreRules::quorumFrom(qstr(r[0][0]));
}

std::vector<Decision> PostgresStore::Private::decisionsOn(pqxx::work &w, const QString &id,
                                                          int revision)
{
    const pqxx::result r = pq::exec(w,
        std::string("SELECT ") + kDecisionColumns
            + " FROM decisions d WHERE d.proposal_id = $1 AND d.revision = $2 "
              "ORDER BY d.decided_at, d.seq",
        str(id), revision);
    std::vector<Decision> out;
    out.reserve(r.size());
    for (const pqxx::row &row : r)
        out.push_back(readDecision(row));
    return out;
}

Result<std::vector<Decision>>
PostgresStore::Private::insertDecisions(pqxx::work &w, Head &head,
                                        const std::vector<Decision> &decisions)
{
    const size_t n = decisions.size();
    std::vector<QString> uuid, pid, verdict, reviewer, reason, decidedAt, supersedes;
    std::vector<int> revision;
    std::vector<bool> resolution;
    for (const Decision &d : decisions) {
        const QString owner = QStringLiteral("decision %1 on %2")
                                  .arg(d.uuid, AuditEvents::subject(d.proposalId, d.revision));
        for (const auto &[value, field] :
             {std::pair<QString, QString>{d.uuid, QStringLiteral("uuid")},
              {d.proposalId, QStringLiteral("proposal id")},
              {d.reviewer, QStringLiteral("reviewer")},
              {d.reason, QStringLiteral("reason")},
              {d.supersedes, QStringLiteral("supersedes")}}) {
            if (auto e = refuseNul(value, field, owner))
                return *e;
        }
        if (d.uuid.isEmpty())
            return makeError(owner + QStringLiteral(": no uuid"), kInvalid);
        uuid.push_back(d.uuid);
        pid.push_back(d.proposalId);
        revision.push_back(d.revision);
        verdict.push_back(verdictId(d.verdict));
        reviewer.push_back(d.reviewer);
        reason.push_back(d.reason);
        decidedAt.push_back(TextForm::formatTime(
            d.decidedAt.isValid() ? d.decidedAt : TextForm::parseTime(head.now)));
        supersedes.push_back(d.supersedes);
        resolution.push_back(d.resolution);
    }
    if (n == 0)
        return std::vector<Decision>{};

    // The server inserts what it lacks, each with its audit event, and stamps pushed_by
    // (verdict_push_decisions, migration v2): clients have no INSERT on these tables.
    const pqxx::result inserted = pq::exec(w,
        "SELECT uuid, pushed_by FROM verdict_push_decisions($1::text[], $2::text[], "
        "$3::integer[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], "
        "$9::boolean[])",
        textArray(uuid), textArray(pid), intArray(revision), textArray(verdict),
        textArray(reviewer), textArray(reason), textArray(decidedAt), textArray(supersedes),
        boolArray(resolution));
    std::map<QString, QString> pushedBy;
    for (const pqxx::row &row : inserted)
        pushedBy[qstr(row[0])] = qstr(row[1]);

    std::vector<Decision> added;
    for (size_t i = 0; i < n; ++i) {
        const auto it = pushedBy.find(decisions[i].uuid);
        if (it == pushedBy.end())
            continue; // already on the server: pushes are idempotent
        Decision d = decisions[i];
        d.pushedBy = it->second;
        d.decidedAt = TextForm::parseTime(decidedAt[i]);
        pushedBy.erase(it); // a uuid twice in one push counts once
        added.push_back(d);
    }
    return added;
}

PostgresStore::PostgresStore(std::unique_ptr<Private> d) : d(std::move(d)) {}

PostgresStore::~PostgresStore() = default;

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const QString &connection)
{
    auto d = std::make_unique<Private>();
    d->connection = connection;
    d->redactedUrl = redacted(connection);
    if (auto c = d->connect(); !c)
        return c.error();
    if (auto r = d->migrate(); !r)
        return r.error();
    return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(d)));
}

QString PostgresStore::libraryVersion()
{
    const int libpq = PQlibVersion(); // e.g. 170006 for 17.6
    return QStringLiteral("libpqxx " PQXX_VERSION ", libpq %1.%2")
        .arg(libpq / 10000)
        .arg(libpq % 10000);
}

Result<StoreProbe> PostgresStore::probe(const QString &connection)
{
    Private d;
    d.connection = connection;
    if (auto c = d.connect(); !c)
        return c.error();
    return d.guard<StoreProbe>([&](pqxx::connection &c) -> Result<StoreProbe> {
        // READ ONLY: the server itself refuses any write; no advisory lock is taken.
        pqxx::read_transaction r(c);
        StoreProbe probe;
        probe.url = redacted(connection);
        probe.knownVersion = postgresMigrations().back().version;
        probe.user = d.user; // read by connect()
        if (pq::execOne(r, "SELECT to_regclass('verdict_schema') IS NULL")[0].as<bool>())
            return probe;
        probe.schemaVersion =
            pq::execOne(r, "SELECT coalesce(max(version), 0) FROM verdict_schema")[0].as<int>();
        if (!pq::execOne(r, "SELECT to_regclass('proposal_revisions') IS NULL")[0].as<bool>()) {
            probe.proposals = pq::execOne(r, "SELECT count(DISTINCT proposal_id) FROM "
                                      "proposal_revisions")[0]
                                  .as<qint64>();
        }
        return probe;
    });
}

QString PostgresStore::redacted(const QString &connection)
{
    return redactStoreUrl(connection);
}

QString PostgresStore::url() const
{
    return d->redactedUrl;
}

int PostgresStore::schemaVersion() const
{
    return d->schemaVersion;
}

QString PostgresStore::userName() const
{
    return d->user;
}

void PostgresStore::setBeforeCommitHook(std::function<void()> hook)
{
    d->beforeCommit = std::move(hook);
}

Result<Decision> PostgresStore::decide(const DecisionRequest &checked)
{
    const auto valid = StoreRules::validate(checked);
    if (!valid)
        return valid.error();
    const DecisionRequest &request = *valid;
    return d->guard<Decision>([&](pqxx::connection &c) -> Result<Decision> {
        pqxx::work w(c);
        Head head = d->lockAndHead(w);
        const pqxx::result latest = pq::exec(w,
            "SELECT coalesce(max(revision), 0) FROM proposal_revisions WHERE proposal_id = $1",
            str(request.proposalId));
        const auto resolved = StoreRules::resolveRevision(request.proposalId, request.revision,
                                                          latest[0][0].as<int>());
        if (!resolved)
            return resolved.error();
        const int rev = *resolved;
        QString supersedes;
        QString previousVerdict;
        const pqxx::result prior = pq::exec(w,
            "SELECT uuid, verdict FROM decisions WHERE proposal_id = $1 AND revision = $2 "
            "AND reviewer = $3 ORDER BY decided_at DESC, seq DESC LIMIT 1",
            str(request.proposalId), rev, str(request.reviewer));
        if (!prior.empty()) {
            supersedes = qstr(prior[0][0]);
            previousVerdict = qstr(prior[0][1]);
        }
        if (auto refused = StoreRules::refuseRetract(request, rev, previousVerdict))
            return *refused;
        const Decision dec = StoreRules::newDecision(request, rev, supersedes,
                                                     TextForm::parseTime(head.now));
        auto added = d->insertDecisions(w, head, {dec});
        if (!added)
            return added.error();
        d->commit(w);
        return added->front();
    });
}

Result<int> PostgresStore::pushDecisions(const std::vector<Decision> &decisions)
{
    return d->guard<int>([&](pqxx::connection &c) -> Result<int> {
        pqxx::work w(c);
        Head head = d->lockAndHead(w);
        auto added = d->insertDecisions(w, head, decisions);
        if (!added)
            return added.error();
        d->commit(w);
        return int(added->size());
    });
}

Result<AuditEvent> PostgresStore::recordAuditEvent(const AuditEvent &event)
{
    const QString owner = QStringLiteral("audit event");
    for (const auto &[value, field] :
         {std::pair<QString, QString>{event.actor, QStringLiteral("actor")},
          {event.action, QStringLiteral("action")},
          {event.subject, QStringLiteral("subject")},
          {event.outcome, QStringLiteral("outcome")},
          {event.previous, QStringLiteral("previous")},
          {event.detail, QStringLiteral("detail")}}) {
        if (auto e = refuseNul(value, field, owner))
            return *e;
    }
    return d->guard<AuditEvent>([&](pqxx::connection &c) -> Result<AuditEvent> {
        pqxx::work w(c);
        // The server seals it (verdict_record_event, leads only) and stamps the database
        // user into its detail; read it back as stored.
        const qint64 seq = pq::execOne(w,
            "SELECT verdict_record_event($1, $2, $3, $4, $5, $6)", str(event.actor),
            str(event.action), str(event.subject), str(event.outcome), str(event.previous),
            str(event.detail))[0].as<qint64>();
        const pqxx::row row = pq::execOne(
            w, std::string("SELECT ") + kEventColumns + " FROM audit_events WHERE seq = $1",
            seq);
        d->commit(w);
        return readEvent(row);
    });
}

Result<std::optional<std::vector<Diagnostic>>>
PostgresStore::cachedDiagnostics(const QString &artifactSha256, const QString &checkerVersion)
{
    using Cached = std::optional<std::vector<Diagnostic>>;
    return d->guard<Cached>([&](pqxx::connection &c) -> Result<Cached> {
        pqxx::work w(c);
        const pqxx::result r = pq::exec(w,
            "SELECT diagnostics FROM diagnostic_cache WHERE written_by = session_user "
            "AND artifact_sha256 = $1 AND checker_version = $2",
            str(artifactSha256), str(checkerVersion));
        if (r.empty())
            return Cached();
        return Cached(diagnosticsFromJson(qstr(r[0][0]).toUtf8()));
    });
}

Result<void> PostgresStore::cacheDiagnostics(const QString &artifactSha256,
                                             const QString &checkerVersion,
                                             const std::vector<Diagnostic> &diagnostics)
{
    if (auto e = refuseNul(checkerVersion, QStringLiteral("checker version"),
                           QStringLiteral("diagnostics cache")))
        return *e;
    return d->guard<void>([&](pqxx::connection &c) -> Result<void> {
        pqxx::work w(c);
        pq::exec(w, "INSERT INTO diagnostic_cache (artifact_sha256, checker_version, "
                      "diagnostics) VALUES ($1, $2, $3) ON CONFLICT (written_by, "
                      "artifact_sha256, checker_version) DO UPDATE SET diagnostics = "
                      "EXCLUDED.diagnostics",
                      str(artifactSha256), str(checkerVersion),
                      str(QString::fromUtf8(diagnosticsToJson(diagnostics))));
        w.commit();
        return {};
    });
}

Result<void> PostgresStore::setDiagnosticCounts(const QString &proposalId, int revision,
                                                int errors, int warnings, int infos)
{
    if (auto e = refuseNul(proposalId, QStringLiteral("proposal id"),
                           QStringLiteral("diagnostic counts")))
        return *e;
    return d->guard<void>([&](pqxx::connection &c) -> Result<void> {
        pqxx::work w(c);
        pq::exec(w, "INSERT INTO diagnostic_counts (proposal_id, revision, errors, "
                      "warnings, infos) VALUES ($1, $2, $3, $4, $5) ON CONFLICT "
                      "(written_by, proposal_id, revision) DO UPDATE SET errors = EXCLUDED.errors, "
                      "warnings = EXCLUDED.warnings, infos = EXCLUDED.infos",
                      str(proposalId), revision, errors, warnings, infos);
        w.commit();
        return {};
    });
}

Result<QString> PostgresStore::setting(const QString &key)
{
    return d->guard<QString>([&](pqxx::connection &c) -> Result<QString> {
        pqxx::work w(c);
        const pqxx::result r =
            pq::exec(w, "SELECT value FROM verdict_settings WHERE key = $1", str(key));
        return r.empty() ? QString() : qstr(r[0][0]);
    });
}

Result<void> PostgresStore::setSetting(const QString &key, const QString &value)
{
    if (auto e = refuseNul(value, QStringLiteral("value"), QStringLiteral("setting ") + key))
        return *e;
    return d->guard<void>([&](pqxx::connection &c) -> Result<void> {
        pqxx::work w(c);
        pq::exec(w, "INSERT INTO verdict_settings (key, value) VALUES ($1, $2) "
                      "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                      str(key), str(value));
        w.commit();
        return {};
    });
}

} // namespace verdict
